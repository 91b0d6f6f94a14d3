import { ReactNode, useState } from 'react';
import { UseQueryResult } from '@tanstack/react-query';
import { CsvExport } from './csv-export';
import { Column, SortableTable, SortState } from './sortable-table';
import { Empty, Loading, Problem } from './states';

/**
 * A list as an administrator reads it: sortable by keyboard, every row exportable as CSV (under
 * the name `<export>.csv`), and a clear empty state.
 */
export function DataTable<T, K extends string>(props: {
  caption: string;
  columns: readonly Column<T, K>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  initialSort: SortState<K>;
  exportName: string;
  empty: ReactNode;
}) {
  const [sort, setSort] = useState(props.initialSort);
  if (props.rows.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <div className="data-table">
      <div className="table-tools">
        <CsvExport
          filename={`${props.exportName}.csv`}
          what={props.caption.toLowerCase()}
          columns={props.columns}
          rows={props.rows}
        />
      </div>
      <SortableTable
        caption={props.caption}
        columns={props.columns}
        rows={props.rows}
        rowKey={props.rowKey}
        sort={sort}
        onSort={setSort}
      />
    </div>
  );
}

/** A query's loading and error states, or what `render` makes of its data. */
export function Loaded<T>(props: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Loading what={props.what} />;
  if (query.isError) return <Problem error={query.error} />;
  return <>{props.children(query.data)}</>;
}
