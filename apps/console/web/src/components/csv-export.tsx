import type { Column } from './sortable-table';
import { download, toCsv } from './csv';

/** "Export CSV" for a list as the administrator reads it: every row, not only those in view. */
export function CsvExport<T, K extends string>(props: {
  filename: string;
  what: string;
  columns: readonly Column<T, K>[];
  rows: readonly T[];
}) {
  return (
    <button
      type="button"
      className="secondary"
      disabled={props.rows.length === 0}
      onClick={() => download(props.filename, toCsv(props.columns, props.rows))}
    >
      Export {props.what} as CSV
    </button>
  );
}
