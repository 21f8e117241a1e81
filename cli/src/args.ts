/**
 * The command line, read with node:util's parseArgs: which command, its options, and the
 * credentials and sandbox address from flags or the environment (flags win).
 */
import { parseArgs } from 'node:util';
import { LISTEN_USAGE, MAIN_USAGE, TRIGGER_USAGE } from './usage.ts';

export const DEFAULT_SANDBOX = 'http://127.0.0.1:4010';

export interface Connection {
  sandbox: URL;
  appId: string | undefined;
  appSecret: string | undefined;
}

export type Command =
  | { name: 'help'; text: string }
  | { name: 'listen'; connection: Connection; forwardTo: URL }
  | { name: 'trigger'; connection: Connection; type: string; notifyUrl: string | undefined };

/** A command line that cannot run: the message, and the usage text to print with it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

const CONNECTION_OPTIONS = {
  'app-id': { type: 'string' },
  'app-secret': { type: 'string' },
  sandbox: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('no command given', MAIN_USAGE);
  if (name === '--help' || name === '-h' || name === 'help') return { name: 'help', text: MAIN_USAGE };
  if (name === 'listen') return parseListen(rest, env);
  if (name === 'trigger') return parseTrigger(rest, env);
  throw new UsageError(`unknown command "${name}"`, MAIN_USAGE);
}

function parseListen(args: string[], env: NodeJS.ProcessEnv): Command {
  const options = { ...CONNECTION_OPTIONS, 'forward-to': { type: 'string' } } as const;
  const { values, positionals } = parsed(LISTEN_USAGE, () => parseArgs({ args, options, allowPositionals: true }));
  if (values.help) return { name: 'help', text: LISTEN_USAGE };
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, LISTEN_USAGE);
  if (!values['forward-to']) throw new UsageError('--forward-to URL is required', LISTEN_USAGE);
  return {
    name: 'listen',
    connection: connection(values, env, LISTEN_USAGE),
    forwardTo: httpUrl('--forward-to', values['forward-to'], LISTEN_USAGE),
  };
}

function parseTrigger(args: string[], env: NodeJS.ProcessEnv): Command {
  const options = { ...CONNECTION_OPTIONS, 'notify-url': { type: 'string' } } as const;
  const { values, positionals } = parsed(TRIGGER_USAGE, () => parseArgs({ args, options, allowPositionals: true }));
  if (values.help) return { name: 'help', text: TRIGGER_USAGE };
  if (positionals.length !== 1) throw new UsageError('give one event type, e.g. payment.paid', TRIGGER_USAGE);
  const notifyUrl = values['notify-url'];
  if (notifyUrl !== undefined) httpUrl('--notify-url', notifyUrl, TRIGGER_USAGE);
  return { name: 'trigger', connection: connection(values, env, TRIGGER_USAGE), type: positionals[0], notifyUrl };
}

/** parseArgs's own errors (an unknown option, a missing value) as a usage message. */
function parsed<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    // e.g. "Unknown option '--foo'. To specify a positional argument starting with a '-'…": the first sentence.
    throw new UsageError((e as Error).message.split('. ')[0], usage);
  }
}

function connection(
  values: { sandbox?: string; 'app-id'?: string; 'app-secret'?: string },
  env: NodeJS.ProcessEnv,
  usage: string,
): Connection {
  const sandbox = values.sandbox
    ? httpUrl('--sandbox', values.sandbox, usage)
    : httpUrl('JUYIFU_SANDBOX_URL', env.JUYIFU_SANDBOX_URL || DEFAULT_SANDBOX, usage);
  return {
    sandbox,
    appId: values['app-id'] ?? (env.JUYIFU_APP_ID || undefined),
    appSecret: values['app-secret'] ?? (env.JUYIFU_APP_SECRET || undefined),
  };
}

function httpUrl(option: string, value: string, usage: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${option} "${value}" is not a URL (write it whole, e.g. http://localhost:8080/notify)`,
      usage,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${option} "${value}" must be an http:// or https:// URL`, usage);
  return url;
}
