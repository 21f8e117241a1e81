import Translate from '@docusaurus/Translate';
import CodeBlock from '@theme/CodeBlock';
import { parse as parseCsv } from 'csv-parse/browser/esm/sync';
import type { ReactNode } from 'react';
import type { Exchange } from '@site/src/lib/sandbox-client.ts';
import styles from '../styles.module.css';

/** A CSV answer (a bill) as a table, its first row the header. */
function CsvTable({ text }: { text: string }): ReactNode {
  const rows = parseCsv(text, { bom: true, relax_column_count: true }) as string[][];
  return (
    <table className={styles.csv}>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>{row.map((c, j) => (i === 0 ? <th key={j}>{c}</th> : <td key={j}>{c}</td>))}</tr>
        ))}
      </tbody>
    </table>
  );
}

/** The answer's body (JSON pretty-printed, CSV as a table, anything else as text) and headers. */
export default function Body({ sent }: { sent: Exchange }): ReactNode {
  return (
    <>
      {sent.contentType.includes('text/csv') ? (
        <CsvTable text={sent.text} />
      ) : (
        <CodeBlock language="json">{sent.json ? JSON.stringify(sent.json, null, 2) : sent.text}</CodeBlock>
      )}
      <details>
        <summary>
          <Translate id="tryit.headers">响应头</Translate>
        </summary>
        <pre>{sent.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
      </details>
    </>
  );
}
