import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {guideRoute} from '@site/src/utils/flowchart';
import {COMPARISON_COLUMNS, comparisonRows} from '@site/src/data/comparison';
import styles from './styles.module.css';

/**
 * The six strategies side by side. Roles are spelled out because the narrow
 * layout turns the cells into blocks, and browsers drop a table's semantics
 * once its display changes.
 */
export default function StrategyComparison(): ReactNode {
  const rows = comparisonRows();
  return (
    <div className={styles.wrapper}>
      <table role="table" className={styles.table} aria-label="The six strategies compared">
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              Strategy
            </th>
            {COMPARISON_COLUMNS.map((column) => (
              <th role="columnheader" scope="col" key={column.key}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr role="row" key={row.id} data-outcome={row.id}>
              <th role="rowheader" scope="row" className={styles.name}>
                <Link to={guideRoute(row.guidePath)}>{row.title}</Link>
              </th>
              {COMPARISON_COLUMNS.map((column) => (
                <td role="cell" key={column.key} data-label={column.label}>
                  {row[column.key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
