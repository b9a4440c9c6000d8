/** Every failure that crosses the shell boundary carries one of these codes. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_REQUEST'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'LIMIT'
  | 'PARSE'
  | 'IO'
  | 'CANCELLED'
  | 'INTERRUPTED'
  | 'BUSY'
  /** Wrong credentials for a connection (names the connection and user, never the secret). */
  | 'AUTH'
  /** A host that cannot be reached: unknown, refused, reset. */
  | 'NETWORK'
  /** A server that did not answer in time (connect, first byte, a stalled read). */
  | 'TIMEOUT'
  /** The credentials are right but may not do this (list a bucket, read a table). */
  | 'PERMISSION'
  /** An SFTP server's host key is not pinned yet (first use) or differs from the pinned one. */
  | 'HOST_KEY'
  /** The disk the workspace or a file is written to is full. */
  | 'DISK_FULL'
  | 'INTERNAL';

/** A failure as data: Electron strips custom error properties, so errors never cross as throws. */
export interface AppError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The envelope of every request's answer. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

/** Wraps a value as a successful result. */
export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

/** Wraps an error as a failed result. */
export function fail<T = never>(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<T> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
