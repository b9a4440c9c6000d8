import { IntakeError } from '../../../src-shared/errors';
import type { AppError } from '../../../src-shared/result';
import { redactSecrets, redactValue } from './redact';

const NODE_IO_CODES = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'EISDIR',
  'ENOTDIR',
  'ENOSPC',
  'EMFILE',
  'EROFS',
]);

/**
 * Whether SQLite refused a write because another connection holds the write lock (a run's
 * processing transaction, in this process or another).
 */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * A full disk said where: the folder that ran out of space and what stopped, with the code the
 * renderer and scripts act on (DISK_FULL), whatever layer first met ENOSPC or SQLITE_FULL.
 */
export function diskFullError(folder: string, what: string): IntakeError {
  return new IntakeError(
    'DISK_FULL',
    `The disk holding ${folder} is full: ${what}. Free some space there and try again; nothing from it was imported.`,
    { folder },
  );
}

/**
 * Maps any thrown value to an AppError: expected failures keep their code, the rest become INTERNAL.
 * Messages and details are redacted (DESIGN §7): drivers quote URLs, connection strings and
 * headers back, and nothing that leaves here may carry a credential.
 */
export function toAppError(error: unknown): AppError {
  const appError = describe(error);
  const redacted: AppError = { code: appError.code, message: redactSecrets(appError.message) };
  if (appError.details) redacted.details = redactValue(appError.details) as Record<string, unknown>;
  return redacted;
}

function describe(error: unknown): AppError {
  if (error instanceof IntakeError) return error.toAppError();
  if (isNodeError(error) && isBusyError(error)) {
    // A run holds the workspace's one write transaction until it commits (DESIGN: no partial rows).
    return {
      code: 'BUSY',
      message:
        'The workspace is busy: an import run is writing its rows, and waiting for it took too long. Try again when the run has finished.',
      details: { sqlite: error.code },
    };
  }
  if (isNodeError(error) && error.code === 'ENOSPC') {
    return {
      code: 'DISK_FULL',
      message: `The disk is full${error.path ? ` (writing ${error.path})` : ''}: free some space and try again.`,
      details: { errno: error.code, ...(error.path ? { path: error.path } : {}) },
    };
  }
  if (isNodeError(error) && error.code === 'SQLITE_FULL') {
    return {
      code: 'DISK_FULL',
      message: 'The disk holding the workspace is full: free some space and try again. Nothing was written.',
      details: { sqlite: error.code },
    };
  }
  if (isNodeError(error) && error.code && NODE_IO_CODES.has(error.code)) {
    return { code: 'IO', message: error.message, details: { errno: error.code } };
  }
  if (error instanceof Error && error.name === 'AbortError')
    return { code: 'CANCELLED', message: 'Cancelled.' };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
