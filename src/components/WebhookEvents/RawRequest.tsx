import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';

/** An event as your server receives it: the signature header and the exact body it covers. */
export default function RawRequest({
  summary,
  event,
}: {
  summary: ReactNode;
  event: { signature: string; payload: string };
}): ReactNode {
  return (
    <details>
      <summary>{summary}</summary>
      <CodeBlock language="http">{`JuYiFu-Signature: ${event.signature}\n\n${event.payload}`}</CodeBlock>
    </details>
  );
}
