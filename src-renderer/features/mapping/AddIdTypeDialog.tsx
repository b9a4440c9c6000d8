import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { addIdType, useWorkspaceSchemaStore } from '../../stores/workspace-schema.store';

/** Adds an ID type to the workspace (e.g. `loyalty_id`, soft): hard IDs identify a customer for sure. */
export function AddIdTypeDialog({
  open,
  onAdded,
  onClose,
}: {
  open: boolean;
  onAdded(name: string): void;
  onClose(): void;
}) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'hard' | 'soft'>('soft');
  const error = useWorkspaceSchemaStore((state) => state.error);
  return (
    <Dialog title="Add an ID type" open={open} onClose={onClose}>
      <div className="form-grid">
        <label htmlFor="id-type-name">Name</label>
        <input
          id="id-type-name"
          value={name}
          placeholder="loyalty_id"
          onChange={(event) => setName(event.target.value)}
        />
        <label htmlFor="id-type-kind">Kind</label>
        <select
          id="id-type-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as 'hard' | 'soft')}
        >
          <option value="soft">soft (may change, e.g. a cookie)</option>
          <option value="hard">hard (identifies a customer for sure)</option>
        </select>
      </div>
      {error && <p className="form-error">{error}</p>}
      <button
        type="button"
        disabled={!name.trim()}
        onClick={() =>
          void addIdType(name.trim(), kind).then((added) => {
            if (!added) return;
            onAdded(name.trim());
            onClose();
          })
        }
      >
        Add ID type
      </button>
    </Dialog>
  );
}
