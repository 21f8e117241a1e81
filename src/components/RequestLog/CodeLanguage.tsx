import Translate from '@docusaurus/Translate';
import { useStorageSlot } from '@docusaurus/theme-common';
import type { ReactNode } from 'react';
import type { SnippetLanguage } from '@site/src/lib/snippets.ts';

const LANGUAGES: { value: SnippetLanguage; label: string }[] = [
  { value: 'curl', label: 'curl' },
  { value: 'php', label: 'PHP' },
  { value: 'android', label: 'Android' },
  { value: 'java', label: 'Java' },
];

/** The slot every page's code tabs (<Tabs groupId="lang">) read and write: one choice for the site. */
const SLOT = 'docusaurus.tab.lang';

/** The code language chosen anywhere on the site (curl until one is), and a way to choose another. */
export function useCodeLanguage(): [SnippetLanguage, (next: SnippetLanguage) => void] {
  const [value, slot] = useStorageSlot(SLOT);
  const chosen = LANGUAGES.find((l) => l.value === value)?.value ?? 'curl';
  return [chosen, (next) => slot.set(next)];
}

export const languageLabel = (value: SnippetLanguage): string =>
  LANGUAGES.find((l) => l.value === value)?.label ?? value;

/** The picker beside the filters: the same choice as the code tabs on every API page. */
export default function CodeLanguage(): ReactNode {
  const [language, choose] = useCodeLanguage();
  return (
    <label>
      <Translate id="logs.language">代码语言</Translate>{' '}
      <select value={language} onChange={(e) => choose(e.target.value as SnippetLanguage)}>
        {LANGUAGES.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
