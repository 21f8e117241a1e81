/**
 * ?lang=php picks the PHP tab on the page it is on (Docusaurus does that) and, with this, on
 * every page after it: a link that says "in PHP" should keep saying it.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import { createStorageSlot } from '@docusaurus/theme-common';

const LANGS = new Set(['curl', 'php', 'android', 'java']);
// The slot <Tabs groupId="lang"> reads and writes (Docusaurus namespaces the key per site).
const STORAGE_KEY = 'docusaurus.tab.lang';

export function onRouteDidUpdate({ location }: { location: Location }): void {
  if (!ExecutionEnvironment.canUseDOM) return;
  const lang = new URLSearchParams(location.search).get('lang');
  if (lang && LANGS.has(lang)) {
    createStorageSlot(STORAGE_KEY).set(lang); // a no-op where storage is disabled
  }
}
