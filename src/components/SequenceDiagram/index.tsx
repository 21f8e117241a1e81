import { useColorMode } from '@docusaurus/theme-common';
import Translate from '@docusaurus/Translate';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import styles from './styles.module.css';

/**
 * A Mermaid diagram drawn in the browser, with Mermaid loaded only here and only once the page
 * is up: the theme's Mermaid integration put its parser into every doc page's JavaScript.
 * Until it is drawn (or if scripts fail) the reader sees the diagram's source.
 */
export default function SequenceDiagram({ chart, title }: { chart: string; title: string }): ReactNode {
  const { colorMode } = useColorMode();
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const id = `diagram-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const box = useRef<HTMLElement>(null);

  useEffect(() => {
    let cancelled = false;
    const draw = async () => {
      try {
        const mermaid = (await import('mermaid')).default;
        mermaid.initialize({
          startOnLoad: false,
          theme: colorMode === 'dark' ? 'dark' : 'default',
          securityLevel: 'strict',
          fontFamily: 'inherit',
        });
        const { svg: drawn } = await mermaid.render(id, chart.trim());
        if (!cancelled) setSvg(drawn);
      } catch {
        if (!cancelled) setFailed(true);
      }
    };
    // Draw once the figure comes near the screen, and when the browser is idle: Mermaid is
    // about 1 MB of script, which a reader who never scrolls here should not pay for.
    // Safari has no requestIdleCallback.
    const idle: (cb: () => void) => unknown =
      'requestIdleCallback' in window ? (cb) => window.requestIdleCallback(cb) : (cb) => setTimeout(cb, 200);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          idle(() => void draw());
        }
      },
      { rootMargin: '200px' },
    );
    if (box.current) observer.observe(box.current);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [chart, colorMode, id]);

  return (
    <figure className={styles.figure} aria-label={title} ref={box}>
      {svg ? (
        <div
          className={styles.svg}
          data-diagram="drawn"
          role="img"
          aria-label={title}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : (
        <pre className={styles.source} data-diagram={failed ? 'failed' : 'pending'}>
          <code>{chart.trim()}</code>
        </pre>
      )}
      <figcaption>
        {title}
        {svg && (
          <details className={styles.details}>
            <summary>
              <Translate id="diagram.source">Mermaid 源码</Translate>
            </summary>
            <pre>
              <code>{chart.trim()}</code>
            </pre>
          </details>
        )}
      </figcaption>
    </figure>
  );
}
