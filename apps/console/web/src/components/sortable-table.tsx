import { ReactNode } from 'react';

export type Direction = 'ascending' | 'descending';
export interface SortState<K extends string> {
  key: K;
  direction: Direction;
}

export interface Column<T, K extends string> {
  key: K;
  header: string;
  cell: (row: T) => ReactNode;
  /** Present when the column sorts: the value rows are ordered by. */
  sortValue?: (row: T) => string | number;
  /** The cell as text for the CSV export; defaults to the sort value. */
  text?: (row: T) => string | number | null;
}

/** Sorts rows by a column; stable, so equal rows keep their order. */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  columns: readonly Column<T, K>[],
  sort: SortState<K>,
): T[] {
  const column = columns.find((candidate) => candidate.key === sort.key);
  if (!column?.sortValue) return [...rows];
  const value = column.sortValue;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    return x < y ? -sign : x > y ? sign : 0;
  });
}

/**
 * A table whose sortable columns have a button in their header (so a keyboard sorts it) and
 * `aria-sort` on the sorted one. On a narrow screen each row reads as a card (styles.css).
 */
export function SortableTable<T, K extends string>(props: {
  caption: string;
  columns: readonly Column<T, K>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  sort: SortState<K>;
  onSort: (sort: SortState<K>) => void;
}) {
  const { caption, columns, rows, rowKey, sort, onSort } = props;
  const sorted = sortRows(rows, columns, sort);
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => {
            const active = sort.key === column.key;
            return (
              <th
                key={column.key}
                scope="col"
                aria-sort={column.sortValue ? (active ? sort.direction : 'none') : undefined}
              >
                {column.sortValue ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      onSort({
                        key: column.key,
                        direction:
                          active && sort.direction === 'ascending' ? 'descending' : 'ascending',
                      })
                    }
                  >
                    {column.header}
                    <span aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.key} data-label={column.header}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
