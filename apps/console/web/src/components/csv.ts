import type { Column } from './sortable-table';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as CSV: one column per table column that has a text or sort value. */
export function toCsv<T, K extends string>(
  columns: readonly Column<T, K>[],
  rows: readonly T[],
): string {
  const exported = columns.filter((column) => column.text ?? column.sortValue);
  const textOf = (column: Column<T, K>, row: T) => (column.text ?? column.sortValue)?.(row) ?? null;
  const lines = [
    exported.map((column) => csvField(column.header)).join(','),
    ...rows.map((row) => exported.map((column) => csvField(textOf(column, row))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves `content` as a file the browser downloads. */
export function download(filename: string, content: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
