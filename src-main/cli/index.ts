import { IntakeError } from '../../src-shared/errors';
import { CliError } from './cli-error';
import { APP } from '../services/app-info/app-info.handlers';
import { HELP } from './help';

/** A command: resolves to its exit code (none means 0) or throws. */
type Command = (argv: string[]) => Promise<void | number>;

/**
 * Each command's module is loaded when it runs: `intake serve` is the web host's main thread, and
 * the file commands' libraries (encoding detection, XML, ZIP, HTTP clients: about 6 MB of heap)
 * would otherwise sit in it for V8 to mark and compact while the user works.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve')).serveCommand,
  import: async () => (await import('./commands/import')).importCommand,
  export: async () => (await import('./commands/import')).exportCommand,
  workspace: async () => (await import('./commands/workspace')).workspaceCommand,
  run: async () => (await import('./commands/run')).runCommand,
  connections: async () => (await import('./commands/connections')).connectionsCommand,
  sources: async () => (await import('./commands/sources')).sourcesCommand,
  schedules: async () => (await import('./commands/schedules')).schedulesCommand,
  quarantine: async () => (await import('./commands/quarantine')).quarantineCommand,
  sniff: async () => (await import('./commands/sniff')).sniffCommand('sniff'),
  preview: async () => (await import('./commands/sniff')).sniffCommand('preview'),
};

/** Runs the `intake` CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${APP.version}\n`);
    return 0;
  }
  const load = COMMANDS[command];
  if (!load) {
    process.stderr.write(`intake: unknown command "${command}". Run intake --help for the list.\n`);
    return 2;
  }
  try {
    const run = await load();
    return (await run(rest)) ?? 0;
  } catch (error) {
    const exitCode = error instanceof CliError ? error.exitCode : isUsageError(error) ? 2 : 1;
    process.stderr.write(`intake ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof IntakeError && argv.includes('--json')) {
      process.stdout.write(JSON.stringify({ error: error.toAppError() }) + '\n');
    }
    return exitCode;
  }
}

/** node:util parseArgs failures (unknown option, missing value) are usage errors. */
function isUsageError(error: unknown): boolean {
  return error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
}
