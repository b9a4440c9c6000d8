import { IntakeError } from '../../../src-shared/errors';
import type { AppError } from '../../../src-shared/result';

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

/** Maps any thrown value to an AppError: expected failures keep their code, the rest become INTERNAL. */
export function toAppError(error: unknown): AppError {
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
