/**
 * Why `juyifu` stops, as its exit code says: scripts and CI can tell a wrong key (2) from a sandbox
 * that is not there (3) without reading the message.
 */
export const EXIT = {
  ok: 0,
  /** A wrong command line, or anything else that is not one of the below. */
  usage: 1,
  /** The sandbox refused the app id and secret (or none were given). */
  credentials: 2,
  /** Nothing answered at the sandbox's address, or what answered is not a JuYiFu sandbox. */
  unreachable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with a message for the person at the terminal and the exit code that goes with it. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** True when trying again later may work (the sandbox restarting, a dropped connection). */
    readonly transient = false,
  ) {
    super(message);
  }
}

/** Nothing answered at the sandbox's address; `reason` is the word for why (ECONNREFUSED…). */
export class Unreachable extends CliFailure {
  constructor(
    sandbox: string,
    readonly reason: string,
  ) {
    super(
      `cannot reach the sandbox at ${sandbox} (${reason}). Is it running there? Set --sandbox or JUYIFU_SANDBOX_URL to its address.`,
      EXIT.unreachable,
      true,
    );
  }
}

/** What went wrong with a connection, in a word where Node gives one (ECONNREFUSED, ETIMEDOUT…). */
export function networkReason(err: unknown): string {
  // fetch wraps the socket's error as its cause: "fetch failed" alone says nothing.
  const chain: Error[] = [];
  for (let e: unknown = err; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  const code = chain.map((e) => (e as NodeJS.ErrnoException).code).find((c) => c && !c.startsWith('UND_ERR'));
  if (code) return code;
  if (chain.some((e) => e.name === 'TimeoutError' || e.name === 'AbortError')) return 'timeout';
  return chain.at(-1)?.message ?? String(err);
}
