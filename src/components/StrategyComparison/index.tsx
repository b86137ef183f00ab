import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {guideRoute} from '@site/src/utils/flowchart';
import {COMPARISON_DETAILS, COMPARISON_SUMMARY, comparisonRows} from '@site/src/data/comparison';
import styles from './styles.module.css';

/** The disclosure's visible text, the same on every row. */
const TRADE_OFFS = 'Trade-offs: privileges, DNS, identity, renewal, scaling, when to choose another';

/**
 * The six strategies side by side. Each strategy is a row group: the summary row (short values that compare at a
 * glance, so the table fits a desktop column without scrolling sideways) and a row with the longer trade-offs in a
 * disclosure. Roles are spelled out because the narrow layout turns the cells into blocks, and browsers drop a
 * table's semantics once its display changes.
 */
export default function StrategyComparison(): ReactNode {
  const rows = comparisonRows();
  const span = COMPARISON_SUMMARY.length + 1;
  return (
    <div className={styles.wrapper}>
      <table role="table" className={styles.table} aria-label="The six strategies compared">
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              Strategy
            </th>
            {COMPARISON_SUMMARY.map((column) => (
              <th role="columnheader" scope="col" key={column.key}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        {rows.map((row) => (
          <tbody role="rowgroup" key={row.id} className={styles.group}>
            <tr role="row" data-outcome={row.id}>
              <th role="rowheader" scope="row" className={styles.name}>
                <Link to={guideRoute(row.guidePath)}>{row.title}</Link>
              </th>
              {COMPARISON_SUMMARY.map((column) => (
                <td role="cell" key={column.key} data-label={column.label}>
                  {row[column.key]}
                </td>
              ))}
            </tr>
            <tr role="row" data-details={row.id}>
              <td role="cell" colSpan={span} className={styles.details}>
                <details>
                  {/* The visible text is the same on every row, so the name adds whose trade-offs these are. It starts
                      with the visible text: a reader using speech input says what they see (WCAG 2.5.3). */}
                  <summary aria-label={`${TRADE_OFFS} (${row.title})`}>{TRADE_OFFS}</summary>
                  <dl>
                    {COMPARISON_DETAILS.map((column) => (
                      <div key={column.key}>
                        <dt>{column.label}</dt>
                        <dd>{row[column.key]}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
