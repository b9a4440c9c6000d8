import type { ConnectionKind } from '../../../../src-shared/model/connection';
import { useConnectionsStore } from '../../../stores/connections.store';
import { showPage } from '../../../stores/navigation.store';

/**
 * The saved connections of the kinds a source reads through; "none" where the source may go
 * without one (a public feed). With none saved, says where to make one.
 */
export function ConnectionSelect({
  kinds,
  value,
  onChange,
  optional = false,
}: {
  kinds: readonly ConnectionKind[];
  value: string | null;
  onChange(id: string | null): void;
  optional?: boolean;
}) {
  const connections = useConnectionsStore((state) => state.connections).filter((connection) =>
    kinds.includes(connection.kind),
  );
  if (connections.length === 0 && !optional) {
    return (
      <p className="muted" data-testid="no-connections">
        No {kinds.join(' or ')} connection saved yet.{' '}
        <button type="button" className="link" onClick={() => showPage('connections')}>
          Add one on the Connections page
        </button>
      </p>
    );
  }
  return (
    <label>
      Connection
      <select
        aria-label="Connection"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{optional ? 'None (a public feed)' : 'Choose…'}</option>
        {connections.map((connection) => (
          <option key={connection.id} value={connection.id}>
            {connection.name}
            {connection.lastTest && !connection.lastTest.ok
              ? ` (last test: ${connection.lastTest.code})`
              : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
