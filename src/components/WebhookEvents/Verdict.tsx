import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';

/** The verdict on an event's JuYiFu-Signature, checked in this browser with the key's webhook_secret. */
export default function Verdict({ valid }: { valid: boolean }): ReactNode {
  return (
    <span data-testid="signature-verdict" data-signature={valid ? 'valid' : 'invalid'}>
      {valid ? <Translate id="inbox.valid">✓ 有效</Translate> : <Translate id="inbox.invalid">✗ 无效</Translate>}
    </span>
  );
}
