/**
 * The code the docs show (both locales), and how each piece is run: fenced blocks written in a
 * page (the webhook signature checks, set-up lines) and the guides' programs, which live once in
 * examples/ and are imported by the pages. A harness feeds a program real data from the sandbox
 * and checks what it says. Blocks that are not programs (build files, manifests, shell set-up)
 * are listed with the reason they are not executed.
 *
 * A program is run once for each page that shows it, so each locale's guide is proven to show a
 * program that works, as when each page had its own copy.
 */
import type { HarnessContext, HarnessResult } from './harnesses.ts';
import { javaClient } from './java-client-harness.ts';
import { androidMerchantApi, phpMerchant } from './merchant-harnesses.ts';
import { androidPayRequests } from './pay-requests-harness.ts';
import { streamCurl } from './stream-harness.ts';
import { javaVerify, phpVerify } from './verify-harnesses.ts';
import { docPages, fencedBlocks, importedPrograms } from './doc-pages.ts';

export interface DocBlock {
  file: string;
  lang: string;
  title: string;
  code: string;
  harness?: (ctx: HarnessContext) => Promise<HarnessResult>;
  why?: string;
}

/** Picks the harness for a block by what its code is, or says why it is not run. */
function withHarness(block: DocBlock, root: string): DocBlock {
  const { lang, code } = block;
  if (lang === 'php' && code.includes('function juyifu_verify(')) block.harness = (ctx) => phpVerify(code, ctx);
  else if (lang === 'java' && code.includes('class JuYiFuSignature')) block.harness = (ctx) => javaVerify(code, ctx);
  else if (lang === 'php' && code.includes('// merchant.php:')) block.harness = (ctx) => phpMerchant(code, ctx);
  else if (lang === 'java' && code.includes('public class JuYiFuClient'))
    block.harness = (ctx) => javaClient(code, ctx);
  else if (lang === 'java' && code.includes('public class MerchantApi'))
    block.harness = (ctx) => androidMerchantApi(code, ctx, root);
  else if (lang === 'java' && code.includes('public final class PayRequests'))
    block.harness = (ctx) => androidPayRequests(code, ctx, root);
  else if (lang === 'bash' && code.includes('/v1/sandbox/events/stream'))
    block.harness = (ctx) => streamCurl(code, ctx);
  else if (lang === 'java' && code.includes('extends Activity'))
    block.why = 'Android UI code: needs the Android SDK (android.*, androidx.browser), compiled in Android Studio';
  else if (lang === 'bash' && code.includes('java JuYiFuClient.java'))
    block.why = 'runs the file that the JuYiFuClient harness runs';
  else if (lang === 'bash' && code.includes('php -S'))
    block.why = 'starts the server that the merchant.php harness runs';
  else if (lang === 'groovy' || lang === 'xml') block.why = 'Android build configuration, not a program';
  else if (lang === 'nginx')
    block.why = 'load balancer configuration, not a program: the multi-instance tests run nginx on it';
  else if (lang === 'bash' && /npm run (build|sandbox)/.test(code))
    block.why =
      'deployment commands: npm test runs the build, and the sandbox process in its durability and deploy suites';
  else if (lang === 'bash' && /^export /m.test(code)) block.why = 'environment set-up with values the reader fills in';
  else block.why = 'no harness for this block yet';
  return block;
}

export function docBlocks(root = process.cwd()): DocBlock[] {
  return docPages(root).flatMap((page) => {
    const written = fencedBlocks(page).filter((b) => b.lang !== 'json' && b.lang !== 'http'); // data, not code
    const imported = importedPrograms(page, root).map((p) => ({ ...p, title: `${p.title} (${p.source})` }));
    return [...written, ...imported]
      .sort((a, b) => a.at - b.at)
      .map(({ lang, title, code }) => withHarness({ file: page.file, lang, title, code }, root));
  });
}
