import { IntakeError } from '../../src-shared/errors';
import { CliError } from './cli-error';
import { exportCommand, importCommand } from './commands/import';
import { APP } from '../services/app-info/app-info.handlers';
import { serveCommand } from './commands/serve';
import { workspaceCommand } from './commands/workspace';
import { sniffCommand } from './commands/sniff';
import { connectionsCommand } from './commands/connections';
import { runCommand } from './commands/run';
import { sourcesCommand } from './commands/sources';
import { schedulesCommand } from './commands/schedules';
import { quarantineCommand } from './commands/quarantine';
import { HELP } from './help';

/** Each command resolves to its exit code (none means 0) or throws. */
const COMMANDS: Record<string, (argv: string[]) => Promise<void | number>> = {
  serve: serveCommand,
  import: importCommand,
  export: exportCommand,
  workspace: workspaceCommand,
  run: runCommand,
  connections: connectionsCommand,
  sources: sourcesCommand,
  schedules: schedulesCommand,
  quarantine: quarantineCommand,
  sniff: sniffCommand('sniff'),
  preview: sniffCommand('preview'),
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
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`intake: unknown command "${command}". Run intake --help for the list.\n`);
    return 2;
  }
  try {
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
