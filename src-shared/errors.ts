import type { AppError, ErrorCode, Result } from './result';

/** An expected failure raised by a service; the host turns it into a Result without logging it as a bug. */
export class IntakeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'IntakeError';
  }

  /** The plain-data form that crosses the boundary. */
  toAppError(): AppError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** The data of a successful result, or its error thrown again as an IntakeError (code kept). */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new IntakeError(result.error.code, result.error.message, result.error.details);
  return result.data;
}
