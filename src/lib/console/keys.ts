/**
 * The reader's sandbox key, kept in the browser: sessionStorage by default (gone with the tab),
 * localStorage only when the reader asks to be remembered on this device. Storage is passed in
 * so the logic is testable without a browser.
 */
export interface SandboxKey {
  app_id: string;
  app_secret: string;
  source_id: string;
  webhook_secret: string;
  created_at: string;
}

export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const KEY_SLOT = 'juyifu.sandbox-key';

export class KeyStore {
  constructor(
    private readonly session: KeyStorage,
    private readonly local: KeyStorage,
  ) {}

  load(): { key: SandboxKey; remembered: boolean } | null {
    for (const [storage, remembered] of [
      [this.session, false],
      [this.local, true],
    ] as const) {
      const raw = storage.getItem(KEY_SLOT);
      if (!raw) continue;
      try {
        const key = JSON.parse(raw) as SandboxKey;
        if (key.app_id && key.app_secret) return { key, remembered };
      } catch {
        storage.removeItem(KEY_SLOT); // unreadable: drop it
      }
    }
    return null;
  }

  save(key: SandboxKey, remember: boolean): void {
    this.clear();
    (remember ? this.local : this.session).setItem(KEY_SLOT, JSON.stringify(key));
  }

  clear(): void {
    this.session.removeItem(KEY_SLOT);
    this.local.removeItem(KEY_SLOT);
  }
}

/** Hides a secret but for its last four characters, for snippets the reader has not revealed. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '••••' : `${secret.slice(0, 4)}••••${secret.slice(-4)}`;
}
