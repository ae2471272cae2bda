import type { ReactNode } from 'react';

interface Props {
  /** What the rows are, for assistive technology. */
  caption: string;
  columns: readonly string[];
  /** The rows; each ends with its actions menu, under an unlabelled last column (unless `actions` is false). */
  children: ReactNode;
  actions?: boolean;
}

/** A table of things with a row actions menu each: secret keys, workflows, members (or, without actions, entries). */
export function DataTable({ caption, columns, children, actions = true }: Props) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
