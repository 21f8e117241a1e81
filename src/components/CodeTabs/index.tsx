import CodeBlock from '@theme/CodeBlock';
import TabItem from '@theme/TabItem';
import Tabs from '@theme/Tabs';
import type { ReactNode } from 'react';
import type { SnippetLanguage } from '@site/src/lib/snippets.ts';

const LANGUAGE_TABS: { value: SnippetLanguage; label: string; prism: string }[] = [
  { value: 'curl', label: 'curl', prism: 'bash' },
  { value: 'php', label: 'PHP', prism: 'php' },
  { value: 'android', label: 'Android', prism: 'java' },
  { value: 'java', label: 'Java', prism: 'java' },
];

/**
 * curl · PHP · Android · Java. One choice for the whole site: every group shares the groupId
 * (so it syncs across the page and across pages, kept in localStorage) and ?lang= sets it.
 * Lazy: only the chosen language is highlighted and hydrated; the rest render when picked.
 */
export default function CodeTabs({
  snippets,
  title,
}: {
  snippets: Record<SnippetLanguage, string>;
  title?: string;
}): ReactNode {
  return (
    <div className="code-tabs">
      <Tabs groupId="lang" queryString="lang" lazy>
        {LANGUAGE_TABS.map((t) => (
          <TabItem key={t.value} value={t.value} label={t.label}>
            <CodeBlock language={t.prism} title={title}>
              {snippets[t.value]}
            </CodeBlock>
          </TabItem>
        ))}
      </Tabs>
    </div>
  );
}
