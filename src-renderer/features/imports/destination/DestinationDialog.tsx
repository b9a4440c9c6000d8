import { InlineDialog } from '../../../components/InlineDialog';
import { useDialogAction } from '../../../components/use-dialog-action';
import { useEffect, useState } from 'react';
import type { DestinationSpec } from '../../../../src-shared/model/destination';
import type { ImportOverview } from '../../../../src-shared/model/run';
import { loadConnections, useConnectionsStore } from '../../../stores/connections.store';
import { setDestination } from '../../../stores/runs.store';

const PUSH_KINDS = new Set(['bloomreach', 'segment', 'postgres']);

/** Where an import's runs write: the workspace, or a platform or PostgreSQL connection to push to. */
export function DestinationDialog({ entry, onClose }: { entry: ImportOverview; onClose(): void }) {
  const all = useConnectionsStore((state) => state.connections);
  const connections = all.filter((connection) => PUSH_KINDS.has(connection.kind));
  const current = entry.destination;
  const [choice, setChoice] = useState<string>(
    'connectionId' in current ? current.connectionId : 'workspace',
  );
  const [schema, setSchema] = useState(current.kind === 'postgres' ? current.schema : 'public');
  const { busy, error, run } = useDialogAction(onClose);
  useEffect(() => void loadConnections(), []);
  const chosen = connections.find((connection) => connection.id === choice);

  const save = async () => {
    const destination: Exclude<DestinationSpec, { kind: 'file' }> = !chosen
      ? { kind: 'workspace' }
      : chosen.kind === 'postgres'
        ? { kind: 'postgres', connectionId: chosen.id, schema }
        : { kind: 'platform', connectionId: chosen.id };
    await run(() => setDestination(entry.id, destination));
  };

  return (
    <InlineDialog
      onClose={onClose}
      label="Destination"
      title={<>Where “{entry.name}” writes</>}
      error={error}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            Save destination
          </button>
        </>
      }
    >
      <label className="choice">
        <input
          type="radio"
          name="destination"
          checked={choice === 'workspace'}
          onChange={() => setChoice('workspace')}
        />
        The workspace on this computer
      </label>
      {connections.map((connection) => (
        <label key={connection.id} className="choice">
          <input
            type="radio"
            name="destination"
            checked={choice === connection.id}
            onChange={() => setChoice(connection.id)}
          />
          Push to {connection.name} <span className="muted">({connection.kind})</span>
        </label>
      ))}
      {connections.length === 0 && (
        <p className="muted">
          Add a Bloomreach, Segment-compatible or PostgreSQL connection on the Connections page to push.
        </p>
      )}
      {chosen?.kind === 'postgres' && (
        <label>
          Schema <input aria-label="Schema" value={schema} onChange={(e) => setSchema(e.target.value)} />
        </label>
      )}
      {chosen && chosen.kind !== 'postgres' && (
        <p className="muted">
          Only records new or changed since this connection last took them are sent; try a dry run first to
          see what a push would send.
        </p>
      )}
    </InlineDialog>
  );
}
