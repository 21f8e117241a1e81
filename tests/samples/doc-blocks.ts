/**
 * Code blocks written by hand in the docs (both locales), and how each is run: a harness feeds
 * it real data from the sandbox and checks what it says. Blocks that are not programs (build
 * files, manifests, placeholder exports) are listed with the reason they are not executed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface HarnessContext {
  base: string;
  key: { app_id: string; app_secret: string; webhook_secret: string };
  token: string;
  newOrder: () => Promise<string>;
  dir: string;
}

export interface DocBlock {
  file: string;
  lang: string;
  title: string;
  code: string;
  harness?: (ctx: HarnessContext) => Promise<{ ok: boolean; detail: string }>;
  why?: string;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? mdxFiles(p) : p.endsWith('.mdx') ? [p] : [];
  });
}

/** A real signed event from the sandbox: its raw body and the header a receiver would get. */
async function signedEvent(ctx: HarnessContext): Promise<{ payload: string; signature: string }> {
  const id = await ctx.newOrder();
  const auth = { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' };
  await fetch(`${ctx.base}/v1/sandbox/payments/${id}/simulate`, { method: 'POST', headers: auth, body: '{"result":"paid"}' });
  const events = await (await fetch(`${ctx.base}/v1/events?order_id=${id}`, { headers: auth })).json();
  const e = events.data.items[0];
  return { payload: e.payload, signature: e.signature };
}

async function phpVerify(code: string, ctx: HarnessContext) {
  const { payload, signature } = await signedEvent(ctx);
  mkdirSync(ctx.dir, { recursive: true });
  const script = `${code}\n$body = file_get_contents($argv[1]);\necho juyifu_verify(getenv('SECRET'), getenv('SIG'), $body) ? 'valid' : 'invalid', ' ';\necho juyifu_verify(getenv('SECRET'), getenv('SIG'), $body . ' ') ? 'valid' : 'invalid', ' ';\necho juyifu_verify('whsec_wrong', getenv('SIG'), $body) ? 'valid' : 'invalid';\n`;
  writeFileSync(join(ctx.dir, 'verify.php'), script);
  writeFileSync(join(ctx.dir, 'body.json'), payload);
  const { stdout } = await run('php', ['verify.php', 'body.json'], { cwd: ctx.dir, env: { ...process.env, SECRET: ctx.key.webhook_secret, SIG: signature } });
  return { ok: stdout.trim() === 'valid invalid invalid', detail: `real event: ${stdout.trim()} (want: valid invalid invalid)` };
}

async function javaVerify(code: string, ctx: HarnessContext) {
  const { payload, signature } = await signedEvent(ctx);
  mkdirSync(ctx.dir, { recursive: true });
  writeFileSync(join(ctx.dir, 'JuYiFuSignature.java'), code);
  writeFileSync(
    join(ctx.dir, 'Harness.java'),
    `import java.nio.file.*;
public class Harness {
    public static void main(String[] a) throws Exception {
        String body = new String(Files.readAllBytes(Paths.get("body.json")), "UTF-8");
        String secret = System.getenv("SECRET"), sig = System.getenv("SIG");
        System.out.println((JuYiFuSignature.verify(secret, sig, body, 300) ? "valid" : "invalid") + " "
            + (JuYiFuSignature.verify(secret, sig, body + " ", 300) ? "valid" : "invalid") + " "
            + (JuYiFuSignature.verify("whsec_wrong", sig, body, 300) ? "valid" : "invalid"));
    }
}
`,
  );
  writeFileSync(join(ctx.dir, 'body.json'), payload);
  await run('javac', ['-d', '.', 'JuYiFuSignature.java', 'Harness.java'], { cwd: ctx.dir });
  const { stdout } = await run('java', ['-cp', '.', 'Harness'], { cwd: ctx.dir, env: { ...process.env, SECRET: ctx.key.webhook_secret, SIG: signature } });
  return { ok: stdout.trim() === 'valid invalid invalid', detail: `real event: ${stdout.trim()} (want: valid invalid invalid)` };
}

export function docBlocks(root = process.cwd()): DocBlock[] {
  const files = [...mdxFiles(join(root, 'docs')), ...mdxFiles(join(root, 'i18n/en/docusaurus-plugin-content-docs/current'))];
  const blocks: DocBlock[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/```(\w+)([^\n]*)\n([\s\S]*?)```/g)) {
      const [, lang, meta, code] = m;
      if (lang === 'json' || lang === 'http') continue; // data, not code
      const title = /title="([^"]+)"/.exec(meta)?.[1] ?? code.split('\n')[0].slice(0, 40);
      const block: DocBlock = { file: relative(root, file), lang, title, code };
      if (lang === 'php' && code.includes('function juyifu_verify(')) block.harness = (ctx) => phpVerify(code, ctx);
      else if (lang === 'java' && code.includes('class JuYiFuSignature')) block.harness = (ctx) => javaVerify(code, ctx);
      else if (lang === 'groovy' || lang === 'xml') block.why = 'Android build configuration, not a program';
      else if (lang === 'bash' && /^export /m.test(code)) block.why = 'environment set-up with values the reader fills in';
      else block.why = 'no harness for this block yet';
      blocks.push(block);
    }
  }
  return blocks;
}
