/**
 * `juyifu`: reads the command line, runs the command, and turns how it ended into an exit code
 * and a message on stderr (see failure.ts for the codes).
 */
import { parseCommand, UsageError } from './args.ts';
import { CliFailure, EXIT } from './failure.ts';
import { listen } from './listen.ts';
import { trigger } from './trigger.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);

async function run(): Promise<number> {
  const command = parseCommand(process.argv.slice(2), process.env);
  if (command.name === 'help') {
    print(command.text);
    return EXIT.ok;
  }
  if (command.name === 'trigger') {
    await trigger(command.connection, command.type, command.notifyUrl, print);
    return EXIT.ok;
  }
  // Ctrl-C or SIGTERM is how listening ends: a normal stop, exit 0.
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  try {
    await listen(command.connection, command.forwardTo, print, stop.signal);
  } catch (e) {
    if (!stop.signal.aborted) throw e;
  }
  return EXIT.ok;
}

let code: number;
try {
  code = await run();
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`juyifu: ${e.message}\n\n${e.usage}\n`);
    code = EXIT.usage;
  } else if (e instanceof CliFailure) {
    process.stderr.write(`juyifu: ${e.message}\n`);
    code = e.exitCode;
  } else throw e;
}
process.exit(code);
