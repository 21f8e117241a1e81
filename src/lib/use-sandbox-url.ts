/** The sandbox's address (docusaurus.config.ts customFields.sandboxUrl) and the client for it. */
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { sandboxClient } from './browser-state.ts';
import type { SandboxClient } from './sandbox-client.ts';

export function useSandboxUrl(): string {
  const { siteConfig } = useDocusaurusContext();
  return String(siteConfig.customFields?.sandboxUrl ?? '');
}

/** The same client object on every render, so effects that depend on it run once. */
export function useSandboxClient(): SandboxClient {
  return sandboxClient(useSandboxUrl());
}
