/**
 * The signature checks of the docs (the webhooks page's PHP and Java blocks, the Java guide's
 * verify command) decide the same cases: a real event, the same with its body changed or another
 * secret, a real event after a real rotation (two v1) with either secret, and forged headers (one
 * signed only with the old secret once the new one is configured, one too old).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, stepsResult, type HarnessContext, type HarnessResult } from './harnesses.ts';
import { newApp, newPaidEvent, rotate, sign, v1Count } from './sandbox-events.ts';

interface VerifyCase {
  what: string;
  secret: string;
  header: string;
  body: string;
  want: 'valid' | 'invalid';
}

const TOLERANCE_SECONDS = 300;

async function verifyCases(ctx: HarnessContext): Promise<VerifyCase[]> {
  const real = await newPaidEvent(ctx);
  const secret = ctx.key.webhook_secret;
  const app = await newApp(ctx.base);
  const { previous, current } = await rotate(app);
  const rotated = await newPaidEvent(app);
  if (v1Count(rotated.signature) !== 2) throw new Error(`a rotated event has one v1 per secret: ${rotated.signature}`);
  const stale = Math.floor(Date.now() / 1000) - TOLERANCE_SECONDS - 60;
  const of = (e: { payload: string; signature: string }) => ({ body: e.payload, header: e.signature });
  return [
    { what: 'real event', secret, ...of(real), want: 'valid' },
    { what: 'body changed', secret, ...of(real), body: `${real.payload} `, want: 'invalid' },
    { what: 'another secret', secret: 'whsec_wrong', ...of(real), want: 'invalid' },
    { what: 'rotated, old secret', secret: previous, ...of(rotated), want: 'valid' },
    { what: 'rotated, new secret', secret: current, ...of(rotated), want: 'valid' },
    { what: 'rotated, a third secret', secret: 'whsec_wrong', ...of(rotated), want: 'invalid' },
    {
      what: 'old secret alone, new configured',
      secret: current,
      body: rotated.payload,
      header: sign([previous], rotated.payload),
      want: 'invalid',
    },
    { what: 'too old', secret, body: real.payload, header: sign([secret], real.payload, stale), want: 'invalid' },
  ];
}

/**
 * Runs a verifier over every case: each case's body in case-<i>.json in ctx.dir, its secret and
 * header in case-<i>.secret and case-<i>.header. `runAll` says valid or invalid for each, in order.
 */
async function decide(ctx: HarnessContext, runAll: (cases: VerifyCase[]) => Promise<string[]>) {
  const cases = await verifyCases(ctx);
  mkdirSync(ctx.dir, { recursive: true });
  cases.forEach((c, i) => {
    writeFileSync(join(ctx.dir, `case-${i}.json`), c.body);
    writeFileSync(join(ctx.dir, `case-${i}.secret`), c.secret);
    writeFileSync(join(ctx.dir, `case-${i}.header`), c.header);
  });
  const said = await runAll(cases);
  return {
    got: cases.map((c, i) => `${c.what}: ${said[i] ?? 'nothing'}`),
    want: cases.map((c) => `${c.what}: ${c.want}`),
  };
}

/** The Java guide's verify command, one run per case (its secret comes from the environment). */
export async function javaVerifyCases(
  ctx: HarnessContext,
  verifyOne: (c: VerifyCase, bodyFile: string) => Promise<string>,
): Promise<{ got: string[]; want: string[] }> {
  await run('javac', ['-d', '.', 'JuYiFuClient.java'], { cwd: ctx.dir });
  return decide(ctx, async (cases) => {
    const said: string[] = [];
    // One JVM after another: the machine has two cores and other harnesses run beside this one.
    for (const [i, c] of cases.entries()) said.push(await verifyOne(c, `case-${i}.json`));
    return said;
  });
}

export async function phpVerify(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  const verdicts = await decide(ctx, async () => {
    const script = `${code}
for ($i = 0; is_file("case-$i.json"); $i++) {
    $ok = juyifu_verify(file_get_contents("case-$i.secret"), file_get_contents("case-$i.header"), file_get_contents("case-$i.json"));
    echo $ok ? 'valid' : 'invalid', PHP_EOL;
}
`;
    writeFileSync(join(ctx.dir, 'verify.php'), script);
    return (await run('php', ['verify.php'], { cwd: ctx.dir })).stdout.trim().split('\n');
  });
  return stepsResult(verdicts.got, verdicts.want);
}

export async function javaVerify(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  const verdicts = await decide(ctx, async () => {
    writeFileSync(join(ctx.dir, 'JuYiFuSignature.java'), code);
    writeFileSync(
      join(ctx.dir, 'Harness.java'),
      `import java.nio.file.*;
public class Harness {
    static String read(String name) throws Exception {
        return new String(Files.readAllBytes(Paths.get(name)), "UTF-8");
    }
    public static void main(String[] a) throws Exception {
        for (int i = 0; Files.exists(Paths.get("case-" + i + ".json")); i++) {
            boolean ok = JuYiFuSignature.verify(read("case-" + i + ".secret"), read("case-" + i + ".header"), read("case-" + i + ".json"), ${TOLERANCE_SECONDS});
            System.out.println(ok ? "valid" : "invalid");
        }
    }
}
`,
    );
    await run('javac', ['-d', '.', 'JuYiFuSignature.java', 'Harness.java'], { cwd: ctx.dir });
    return (await run('java', ['-cp', '.', 'Harness'], { cwd: ctx.dir })).stdout.trim().split('\n');
  });
  return stepsResult(verdicts.got, verdicts.want);
}
