import { isRequestName, requests, type Handlers } from '../../src-shared/contract';
import { fail, ok, type Result } from '../../src-shared/result';
import { toAppError } from '../services/errors/to-app-error';
import { describeValidationIssues } from '../services/errors/validation-message';
import type { Logger } from '../services/log/logger';

/**
 * Runs one request the way both shells do: refuse unknown names, validate the payload with the
 * contract's schema, call the handler once, and turn any failure into an error result. Nothing is
 * retried here: a handler that writes data tables retries its transaction itself (see
 * writeTransaction), so a dialog is never shown twice and a paste never kept twice.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  payload: unknown,
  log?: Logger,
): Promise<Result<unknown>> {
  if (!isRequestName(name)) {
    log?.warn('refused unknown request', { name });
    return fail('UNKNOWN_REQUEST', `Unknown request "${name}".`, { name });
  }
  const parsed = requests[name].schema.safeParse(payload ?? {});
  if (!parsed.success) {
    const { message, issues } = describeValidationIssues(`Invalid ${name} request`, parsed.error.issues);
    return fail('VALIDATION', message, { request: name, issues });
  }
  const handler = handlers[name] as (payload: unknown) => unknown;
  try {
    return ok(await handler(parsed.data));
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') log?.error(`request ${name} failed`, { error: appError.message });
    return { ok: false, error: appError };
  }
}
