import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The console's single-page application, built into dist/apps/console/web, which the console
 * service serves. JSX is compiled by Vite's own transformer (no plugin needed for a build).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: resolve(import.meta.dirname, '../../../dist/apps/console/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One chunk per lazily loaded screen. The budget is 200 kB of initial JavaScript gzipped
    // (docs/console.md); this warns on the minified size.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      // React libraries mark their modules "use client" for server components; this is a
      // client-only build, so the directive has nothing to preserve.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic', development: false } },
  // Always React's production build, whatever NODE_ENV the build runs under (jest sets test,
  // which would otherwise give the development build: half again as large, and slower).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  server: {
    // `npx vite apps/console/web` while `npm start` runs: the API is the console's.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/auth': 'http://127.0.0.1:3000',
      '/events': 'http://127.0.0.1:3000',
    },
  },
});
