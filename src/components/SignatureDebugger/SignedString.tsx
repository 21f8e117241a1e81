import { translate } from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import { visibleSegments } from '@site/src/lib/visible-chars.ts';
import styles from './styles.module.css';

/** The signed string as it is, each invisible character shown boxed with its name. */
export default function SignedString({ text }: { text: string }): ReactNode {
  return (
    <pre className={styles.signed} data-testid="sigdbg-signed">
      {visibleSegments(text).map((s, i) =>
        'mark' in s ? (
          <abbr
            key={i}
            className={styles.mark}
            title={s.mark}
            role="img"
            aria-label={translate({ id: 'sigdbg.invisible', message: '不可见字符 {name}' }, { name: s.mark })}
          >
            {s.text}
          </abbr>
        ) : (
          s.text
        ),
      )}
    </pre>
  );
}
