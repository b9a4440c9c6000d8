import { create } from 'zustand';
import type { ConnectionSettings, ConnectionSummary } from '../../src-shared/model/connection';
import { call, errorMessage } from '../api/client';

interface ConnectionsState {
  connections: ConnectionSummary[];
  loaded: boolean;
  error: string | null;
  /** Connections whose test is running (a test may take up to the connect timeout). */
  testing: Record<string, true>;
}

/** The saved connections, as the Connections page and the source forms list them. Never a secret. */
export const useConnectionsStore = create<ConnectionsState>(() => ({
  connections: [],
  loaded: false,
  error: null,
  testing: {},
}));

function put(summary: ConnectionSummary): ConnectionSummary {
  useConnectionsStore.setState((state) => {
    const others = state.connections.filter((connection) => connection.id !== summary.id);
    return {
      connections: [...others, summary].sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
  return summary;
}

export async function loadConnections(): Promise<void> {
  try {
    useConnectionsStore.setState({
      connections: await call('connections:list', {}),
      loaded: true,
      error: null,
    });
  } catch (error) {
    useConnectionsStore.setState({ loaded: true, error: errorMessage(error) });
  }
}

/** Saves a new connection (its secret goes to the keychain) and tests it at once. */
export async function createConnection(
  name: string,
  settings: ConnectionSettings,
  secret: string | undefined,
): Promise<ConnectionSummary> {
  const created = put(await call('connections:create', { name, settings, ...(secret ? { secret } : {}) }));
  if (isSource(created)) void testConnection(created.id);
  return created;
}

export async function updateConnection(
  id: string,
  change: { name?: string; settings?: ConnectionSettings },
): Promise<ConnectionSummary> {
  const updated = put(await call('connections:update', { id, ...change }));
  if (isSource(updated)) void testConnection(updated.id);
  return updated;
}

export async function replaceSecret(id: string, secret: string): Promise<void> {
  const updated = put(await call('connections:replaceSecret', { id, secret }));
  if (isSource(updated)) void testConnection(updated.id);
}

/** Tests a connection; the outcome is kept with it (an error here is the request's, not the test's). */
export async function testConnection(id: string): Promise<void> {
  useConnectionsStore.setState((state) => ({ testing: { ...state.testing, [id]: true } }));
  try {
    put(await call('connections:test', { id }));
  } catch (error) {
    useConnectionsStore.setState({ error: errorMessage(error) });
  } finally {
    useConnectionsStore.setState((state) => {
      const { [id]: _done, ...testing } = state.testing;
      return { testing };
    });
  }
}

/** Pins the SFTP host key the user checked, then tests again (the answer comes with it). */
export async function trustHostKey(id: string, sha256: string): Promise<void> {
  useConnectionsStore.setState((state) => ({ testing: { ...state.testing, [id]: true } }));
  try {
    put(await call('connections:trustHostKey', { id, sha256 }));
  } finally {
    useConnectionsStore.setState((state) => {
      const { [id]: _done, ...testing } = state.testing;
      return { testing };
    });
  }
}

export async function duplicateConnection(id: string): Promise<ConnectionSummary> {
  return put(await call('connections:duplicate', { id }));
}

/** Deletes a connection and its secret; refused (thrown) while an import uses it, naming them. */
export async function deleteConnection(id: string): Promise<void> {
  await call('connections:delete', { id });
  useConnectionsStore.setState((state) => ({
    connections: state.connections.filter((connection) => connection.id !== id),
  }));
}

/** Destinations (platform APIs) are tested when they push, not from here. */
export function isSource(connection: ConnectionSummary): boolean {
  return connection.kind !== 'bloomreach' && connection.kind !== 'segment';
}
