import { ConsoleTables1764900000100 } from './1764900000100-console-tables';

/** The console database's own migrations, in order, after the messaging and audit tables. */
export const CONSOLE_MIGRATIONS = [ConsoleTables1764900000100];
