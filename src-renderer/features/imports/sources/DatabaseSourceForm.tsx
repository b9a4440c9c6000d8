import { useState } from 'react';
import type { TableInfo } from '../../../../src-shared/model/schema';
import { call, errorMessage } from '../../../api/client';
import { useConnectionsStore } from '../../../stores/connections.store';
import { addDescribedSource } from '../../../stores/drafts.store';
import { ConnectionSelect } from './ConnectionSelect';
import { FormError } from './FormError';
import { SchemaBrowser } from './SchemaBrowser';
import { useSubmit } from './use-submit';

const SQL_KINDS = ['postgres', 'mysql', 'sqlite'] as const;

/**
 * A SELECT on a PostgreSQL, MySQL/MariaDB or SQLite connection, written by hand or picked from the
 * schema browser ("Resync with source" reads the tables again). Only SELECT or WITH … SELECT is
 * sent, in a read-only transaction; the preview runs it with a row limit.
 */
export function DatabaseSourceForm({ onDone }: { onDone(): void }) {
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [reading, setReading] = useState(false);
  const { busy, error, setError, submit } = useSubmit(onDone);
  const kind = useConnectionsStore(
    (state) => state.connections.find((connection) => connection.id === connectionId)?.kind,
  );
  const quote = (name: string) =>
    kind === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;

  const readTables = async (id: string) => {
    setReading(true);
    setError(null);
    try {
      setTables(await call('sources:tables', { id }));
    } catch (failure) {
      setTables(null);
      setError(errorMessage(failure));
    } finally {
      setReading(false);
    }
  };
  const chooseConnection = (id: string | null) => {
    setConnectionId(id);
    setTables(null);
    if (id) void readTables(id);
  };

  return (
    <div className="connection-form database-form">
      <ConnectionSelect kinds={SQL_KINDS} value={connectionId} onChange={chooseConnection} />
      {connectionId && (
        <div className="schema-panel">
          <div className="schema-panel__header">
            <strong>Tables</strong>
            <button type="button" disabled={reading} onClick={() => void readTables(connectionId)}>
              {reading ? 'Reading…' : 'Resync with source'}
            </button>
          </div>
          {tables && <SchemaBrowser tables={tables} quote={quote} onPick={setQuery} />}
        </div>
      )}
      <label>
        Query
        <textarea
          className="paste-box query-box"
          aria-label="Query"
          spellCheck={false}
          rows={6}
          placeholder="SELECT id, email, created_at FROM customers"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="muted field-hint">
          A SELECT (or WITH … SELECT) only; it runs in a read-only transaction. Give the connection a role
          that may only SELECT.
        </span>
      </label>
      <FormError error={error} />
      <button
        type="button"
        className="primary"
        disabled={!connectionId || query.trim() === '' || busy}
        onClick={() =>
          void submit(() => addDescribedSource({ kind: 'sql', connectionId: connectionId!, query }))
        }
      >
        {busy ? 'Reading…' : 'Preview'}
      </button>
    </div>
  );
}
