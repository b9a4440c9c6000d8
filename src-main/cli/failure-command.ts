import { spawn } from 'node:child_process';
import type { AutomationFailure } from '../../src-shared/model/automation';
import type { Logger } from '../services/log/logger';

/**
 * `intake serve --on-failure "<command>"`: a server without a desktop hears of a failed scheduled
 * or triggered run through a command of the user's (mail, a chat webhook). The command runs in a
 * shell with the failure in environment variables — never pasted into the command line, where an
 * import's name or an error message could inject shell syntax.
 */
export function runFailureCommand(command: string, failure: AutomationFailure, log: Logger): void {
  const child = spawn('sh', ['-c', command], {
    stdio: 'ignore',
    env: {
      ...process.env,
      INTAKE_IMPORT: failure.importName,
      INTAKE_IMPORT_ID: failure.importId,
      INTAKE_RUN_ID: failure.runId ?? '',
      INTAKE_STARTED_BY: failure.startedBy,
      INTAKE_ERROR: failure.message,
    },
  });
  child.on('error', (error) =>
    log.warn('the --on-failure command could not start', { error: error.message }),
  );
  child.on('exit', (code) => {
    if (code !== 0) log.warn('the --on-failure command failed', { exitCode: code });
  });
}
