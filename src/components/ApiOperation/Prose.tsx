import type { ReactNode } from 'react';

/** Renders `code` spans of contract prose; the contract's descriptions are plain text otherwise. */
export default function Prose({ text }: { text: string }): ReactNode {
  return (
    <>
      {text
        .trim()
        .split(/\n\s*\n|\n/)
        .filter(Boolean)
        .map((para, i) => (
          <p key={i}>
            {para
              .split(/(`[^`]+`)/)
              .map((part, j) => (part.startsWith('`') ? <code key={j}>{part.slice(1, -1)}</code> : part))}
          </p>
        ))}
    </>
  );
}
