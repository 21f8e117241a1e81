import type { ReactNode } from 'react';

/** A table's header row: one `<th>` per label, in order. Every table on the site starts with one. */
export default function TableHead({ labels }: { labels: ReactNode[] }): ReactNode {
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          <th key={i}>{label}</th>
        ))}
      </tr>
    </thead>
  );
}
