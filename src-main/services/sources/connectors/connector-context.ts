import { rememberSecret } from '../../errors/redact';
import type { ConnectorContext } from './connector';

/**
 * A connector context as a worker thread builds it from its task: the connection's secret is
 * remembered in this thread too, so anything a driver echoes back with it in is redacted here
 * (redaction's memory of secrets is per thread).
 */
export function connectorContext(context: ConnectorContext): ConnectorContext {
  if (context.connection?.secret) rememberSecret(context.connection.secret);
  return context;
}
