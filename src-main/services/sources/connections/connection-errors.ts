import { IntakeError } from '../../../../src-shared/errors';
import type { ErrorCode } from '../../../../src-shared/result';

/** Node and driver error codes that mean the host could not be reached at all. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
/** … and those that mean it did not answer in time. */
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TimeoutError',
]);

/** The codes an error carries: its own, its `cause`'s, and a driver's `errno`/`name`. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const value = current as { code?: unknown; errno?: unknown; name?: unknown; cause?: unknown };
    for (const code of [value.code, value.errno, value.name]) if (typeof code === 'string') codes.push(code);
    current = value.cause;
  }
  return codes;
}

/**
 * A connector's failure to reach its server as a coded error naming the connection and where it
 * tried: NETWORK (unknown host, refused, reset) or TIMEOUT; null when the error is something else
 * (the connector maps its own AUTH, NOT_FOUND and PERMISSION answers first).
 */
export function reachError(
  error: unknown,
  where: { connection: string | null; target: string },
): IntakeError | null {
  if (error instanceof IntakeError) return error;
  // A feed read without a saved connection has none to name.
  const through = where.connection === null ? '' : ` (connection "${where.connection}")`;
  const codes = codesOf(error);
  const code: ErrorCode | null = codes.some((c) => TIMEOUT_CODES.has(c))
    ? 'TIMEOUT'
    : codes.some((c) => NETWORK_CODES.has(c))
      ? 'NETWORK'
      : null;
  if (code === null) return null;
  const reason = error instanceof Error ? error.message : String(error);
  return new IntakeError(
    code,
    code === 'TIMEOUT'
      ? `${where.target} did not answer in time${through}: ${reason}`
      : `Cannot reach ${where.target}${through}: ${reason}`,
    { connection: where.connection, target: where.target, cause: codes[0] },
  );
}
