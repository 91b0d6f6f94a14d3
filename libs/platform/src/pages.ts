import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import express, { RequestHandler } from 'express';

/** A single-page application that a service serves next to its API (the console). */
export interface PagesOptions {
  /** The folder of the built application: index.html and assets/. */
  readonly root: string;
  /** Paths that belong to the API, never to the application, e.g. `/api`, `/auth`. */
  readonly apiPrefixes: readonly string[];
}

/** Hashed file names (Vite's assets/) never change: a browser may keep them for a year. */
const IMMUTABLE_ASSETS = /^\/assets\//;

/**
 * Serves the built application: its files as they are, and index.html for every other GET that
 * asks for a page (the application's own routes, e.g. /referrals/<id>), so that a deep link or a
 * reload works. Paths under an API prefix are left to the API, and answer JSON as before.
 */
export function servePages(app: NestExpressApplication, pages: PagesOptions): void {
  const index = join(pages.root, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} is missing: build the application first (npm run build)`);
  }
  const isApi = (path: string): boolean =>
    pages.apiPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  const files = express.static(pages.root, {
    index: false,
    setHeaders: (response, path) => {
      const relative = path.slice(pages.root.length).replaceAll('\\', '/');
      response.setHeader(
        'Cache-Control',
        IMMUTABLE_ASSETS.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const page: RequestHandler = (request, response, next) => {
    // A missing file (assets/x.js) is a 404, not the application's page.
    const isFile = /\.[a-z0-9]+$/i.test(request.path);
    if (request.method !== 'GET' || isApi(request.path) || isFile || !request.accepts('html')) {
      return next();
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  };
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) =>
    isApi(request.path) ? next() : files(request, response, next),
  );
  app.use(page);
}
