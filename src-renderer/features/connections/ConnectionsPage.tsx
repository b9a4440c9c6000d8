import { useEffect, useState } from 'react';
import type { ConnectionSummary } from '../../../src-shared/model/connection';
import { connectionTarget } from '../../../src-shared/model/connection-target';
import { errorMessage } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import {
  deleteConnection,
  duplicateConnection,
  isSource,
  loadConnections,
  testConnection,
  trustHostKey,
  useConnectionsStore,
} from '../../stores/connections.store';
import { formatTime } from '../runs/format';
import { ConnectionDialog } from './ConnectionDialog';
import { KIND_FORMS } from './connection-fields';
import { ReplaceSecretDialog } from './ReplaceSecretDialog';

/** Saved connections to feeds, databases and file storage: create, edit, test, duplicate, delete. */
export function ConnectionsPage() {
  const connections = useConnectionsStore((state) => state.connections);
  const loaded = useConnectionsStore((state) => state.loaded);
  const loadError = useConnectionsStore((state) => state.error);
  const [editing, setEditing] = useState<ConnectionSummary | 'new' | null>(null);
  const [replacing, setReplacing] = useState<ConnectionSummary | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => void loadConnections(), []);
  const act = (action: () => Promise<unknown>) => () => {
    setActionError(null);
    action().catch((failure: unknown) => setActionError(errorMessage(failure)));
  };

  return (
    <div className="page">
      <header className="page__header">
        <h1>Connections</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New connection…
        </button>
      </header>
      {(actionError ?? loadError) && (
        <p className="form-error" role="alert" data-testid="connections-error">
          {actionError ?? loadError}
        </p>
      )}
      {loaded && connections.length === 0 ? (
        <EmptyState title="No connections saved" icon={<Icon name="connection" size={40} />}>
          <p className="muted">
            A connection keeps the settings of a URL feed, an SFTP, S3, Azure or GCS folder, or a SQL
            database, so imports can read from it again and on a schedule. Passwords and keys stay in your
            system keychain.
          </p>
        </EmptyState>
      ) : (
        <section className="card">
          <table className="plain-table connections-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Target</th>
                <th scope="col">User</th>
                <th scope="col">Last test</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {connections.map((connection) => (
                <ConnectionRow
                  key={connection.id}
                  connection={connection}
                  act={act}
                  onEdit={() => setEditing(connection)}
                  onReplaceSecret={() => setReplacing(connection)}
                />
              ))}
            </tbody>
          </table>
        </section>
      )}
      {editing && (
        <ConnectionDialog editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {replacing && <ReplaceSecretDialog connection={replacing} onClose={() => setReplacing(null)} />}
    </div>
  );
}

function ConnectionRow({
  connection,
  act,
  onEdit,
  onReplaceSecret,
}: {
  connection: ConnectionSummary;
  act: (action: () => Promise<unknown>) => () => void;
  onEdit(): void;
  onReplaceSecret(): void;
}) {
  const testing = useConnectionsStore((state) => state.testing[connection.id] === true);
  const settings = connection.settings as { user?: string };
  return (
    <tr data-testid={`connection-${connection.name}`}>
      <th scope="row">{connection.name}</th>
      <td>{KIND_FORMS[connection.kind].short}</td>
      <td className="connection-target">{connectionTarget(connection.settings)}</td>
      <td>{settings.user || <span className="muted">—</span>}</td>
      <td>
        <LastTest connection={connection} testing={testing} act={act} />
      </td>
      <td>
        <div className="row-actions">
          {isSource(connection) && (
            <button type="button" disabled={testing} onClick={act(() => testConnection(connection.id))}>
              Test
            </button>
          )}
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          {KIND_FORMS[connection.kind].secret && (
            <button type="button" onClick={onReplaceSecret}>
              Replace secret
            </button>
          )}
          <button type="button" onClick={act(() => duplicateConnection(connection.id))}>
            Duplicate
          </button>
          <button
            type="button"
            className="danger"
            onClick={act(async () => {
              if (window.confirm(`Delete "${connection.name}" and its secret?`))
                await deleteConnection(connection.id);
            })}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

/** The last test's outcome; an unknown SFTP host key asks to be checked and trusted. */
function LastTest({
  connection,
  testing,
  act,
}: {
  connection: ConnectionSummary;
  testing: boolean;
  act: (action: () => Promise<unknown>) => () => void;
}) {
  const test = connection.lastTest;
  if (testing)
    return (
      <span className="muted" data-testid="connection-test">
        Testing…
      </span>
    );
  if (!test)
    return (
      <span className="muted" data-testid="connection-test">
        Not tested
      </span>
    );
  if (test.ok) {
    return (
      <span className="test-ok" data-testid="connection-test" data-code="ok" title={test.message}>
        ✓ Connected · {formatTime(test.testedAt)}
      </span>
    );
  }
  return (
    <div className="test-failed" data-testid="connection-test" data-code={test.code ?? ''}>
      <strong>{test.code}</strong>{' '}
      {test.code === 'HOST_KEY' ? 'The server’s host key must be checked.' : test.message}
      <span className="muted"> · {formatTime(test.testedAt)}</span>
      {test.code === 'HOST_KEY' && test.hostKeySha256 && (
        <HostKeyPrompt connection={connection} offered={test.hostKeySha256} act={act} />
      )}
    </div>
  );
}

/**
 * An SFTP server's host key to check: on first use, trust it once checked; a key that differs from
 * the pinned one is a warning (a reinstalled server, or someone in between), trusted only on purpose.
 */
function HostKeyPrompt({
  connection,
  offered,
  act,
}: {
  connection: ConnectionSummary;
  offered: string;
  act: (action: () => Promise<unknown>) => () => void;
}) {
  const pinned = connection.settings.kind === 'sftp' ? connection.settings.hostKeySha256 : null;
  return (
    <div className={pinned ? 'host-key host-key--changed' : 'host-key'}>
      {pinned ? (
        <p>
          <strong>The server&apos;s host key changed</strong> since it was trusted (was <code>{pinned}</code>
          ). This happens when a server is reinstalled, or when someone intercepts the connection. Nothing is
          read until you trust the new key: <code data-testid="host-key">{offered}</code>
        </p>
      ) : (
        <p>
          First connection to this server. Check its key&apos;s fingerprint with the server&apos;s
          administrator: <code data-testid="host-key">{offered}</code>
        </p>
      )}
      <button
        type="button"
        className={pinned ? 'danger' : undefined}
        onClick={act(() => trustHostKey(connection.id, offered))}
      >
        {pinned ? 'Trust the new key anyway' : 'Trust this host key'}
      </button>
    </div>
  );
}
