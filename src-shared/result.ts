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
