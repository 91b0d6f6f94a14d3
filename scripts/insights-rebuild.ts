/**
 * Rebuilds the insights database from every Concord topic (docs/insights.md, "Rebuild"); stop
 * the insights service first:
 *   npm run insights:rebuild -- [--initiative-id <uuid>] ...
 */
import 'reflect-metadata';
import { rebuildCommand } from '../apps/insights/src';

rebuildCommand(process.argv.slice(2), process.env).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
