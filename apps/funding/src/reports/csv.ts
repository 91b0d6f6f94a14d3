export type CsvCell = string | number | null;

/** A spreadsheet would run a cell that starts like this as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One CSV field (RFC 4180): numbers as they are; text quoted when it holds a comma, a quote, a
 * line break or edge spaces, with quotes doubled; text that a spreadsheet would take for a
 * formula gets a leading apostrophe. null is an empty field.
 */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first one the header) as CSV text with CRLF line ends, as RFC 4180 has it. */
export const toCsv = (rows: readonly (readonly CsvCell[])[]): string =>
  rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
