import { isRequestName, requests, type Handlers } from '../../src-shared/contract';
import { fail, ok, type Result } from '../../src-shared/result';
import { isBusyError, toAppError } from '../services/errors/to-app-error';
import { describeValidationIssues } from '../services/errors/validation-message';
import type { HandlerContext } from '../services/handler-context';

/**
 * Runs one request the way both shells do: refuse unknown names, validate the payload with the
 * contract's schema, call the handler, and turn any failure into an error result.
 */
export async function dispatch(
  handlers: Handlers<HandlerContext>,
  context: HandlerContext,
  name: string,
  payload: unknown,
): Promise<Result<unknown>> {
  if (!isRequestName(name)) {
    context.log.warn('refused unknown request', { name });
    return fail('UNKNOWN_REQUEST', `Unknown request "${name}".`, { name });
  }
  const parsed = requests[name].schema.safeParse(payload ?? {});
  if (!parsed.success) {
    const { message, issues } = describeValidationIssues(`Invalid ${name} request`, parsed.error.issues);
    return fail('VALIDATION', message, { request: name, issues });
  }
  const handler = handlers[name] as (payload: unknown, context: HandlerContext) => unknown;
  try {
    try {
      return ok(await handler(parsed.data, context));
    } catch (error) {
      if (!isBusyError(error)) throw error;
      // A run is committing its one transaction: wait for the workspace's write lock (without
      // blocking the event loop), then try once more. A handler's writes come after its checks,
      // so a refused write left nothing to undo.
      await context.writeLock(() => undefined);
      return ok(await handler(parsed.data, context));
    }
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') context.log.error(`request ${name} failed`, { error: String(error) });
    return { ok: false, error: appError };
  }
}
