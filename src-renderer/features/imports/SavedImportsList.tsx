import { useEffect, useState } from 'react';
import { IMPORT_TYPE_LABELS } from '../../../src-shared/model/import-type';
import { isActiveRun, type ImportOverview } from '../../../src-shared/model/run';
import {
  cancelRun,
  deleteImport,
  duplicateImport,
  loadImports,
  openRunDetail,
  runImport,
  useRunsStore,
} from '../../stores/runs.store';
import { DeleteImportDialog } from '../runs/DeleteImportDialog';
import { formatTime } from '../runs/format';
import { RunProgressBars } from '../runs/RunProgressBars';
import { RunStatusBadge } from '../runs/RunStatusBadge';
import { editImport } from './edit-import';
import { call, errorMessage } from '../../api/client';
import type { ResyncResult } from '../../../src-shared/model/import-definition';

/** The saved imports: what each reads, its newest run (live while it runs) and what can be done. */
export function SavedImportsList() {
  const imports = useRunsStore((state) => state.imports);
  const error = useRunsStore((state) => state.error);
  const [deleting, setDeleting] = useState<ImportOverview | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => void loadImports(), []);
  const act = (action: () => Promise<void>) => () => {
    setActionError(null);
    action().catch((failure: unknown) => setActionError(errorMessage(failure)));
  };
  if (imports.length === 0 && !error) return null;
  return (
    <section className="card saved-imports" aria-label="Saved imports">
      <h2>Saved imports</h2>
      {(error ?? actionError) && (
        <p className="form-error" role="alert">
          {error ?? actionError}
        </p>
      )}
      <table className="plain-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Source</th>
            <th scope="col">Import type</th>
            <th scope="col">Status</th>
            <th scope="col">Last sync</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((entry) => (
            <ImportRow key={entry.id} entry={entry} act={act} onDelete={() => setDeleting(entry)} />
          ))}
        </tbody>
      </table>
      {deleting && (
        <DeleteImportDialog
          target={deleting}
          onDelete={(data) => deleteImport(deleting.id, data)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function ImportRow({
  entry,
  act,
  onDelete,
}: {
  entry: ImportOverview;
  act: (action: () => Promise<void>) => () => void;
  onDelete(): void;
}) {
  const lastRun = entry.lastRun;
  const progress = useRunsStore((state) => (lastRun ? state.progress[lastRun.id] : undefined));
  const status = progress?.status ?? lastRun?.status ?? null;
  const active = status !== null && isActiveRun(status);
  const [resynced, setResynced] = useState<ResyncResult | null>(null);
  const resync = async (importId: string) => setResynced(await call('imports:resync', { importId }));
  return (
    <tr data-testid="import-row" data-name={entry.name}>
      <td>{entry.name}</td>
      <td>
        {entry.source?.name ?? <span className="muted">(source removed)</span>}
        {resynced && <ResyncNote result={resynced} />}
      </td>
      <td>{IMPORT_TYPE_LABELS[entry.importType]}</td>
      <td>
        {lastRun ? (
          <button
            type="button"
            className="link"
            onClick={() => openRunDetail(lastRun.id)}
            title="Show the run"
          >
            <RunStatusBadge status={status} />
          </button>
        ) : (
          <RunStatusBadge status={null} />
        )}
        {active && progress && <RunProgressBars progress={progress} />}
        {!active && lastRun?.error && (
          <div className="form-error run-error-line">{lastRun.error.message}</div>
        )}
      </td>
      <td>{formatTime(entry.lastSync)}</td>
      <td>
        <div className="row-actions">
          {active && lastRun ? (
            <button type="button" onClick={act(() => cancelRun(lastRun.id))}>
              Cancel
            </button>
          ) : (
            <button type="button" disabled={!entry.source} onClick={act(() => runImport(entry.id))}>
              Run again
            </button>
          )}
          <button type="button" disabled={!entry.source} onClick={act(() => editImport(entry))}>
            Edit
          </button>
          {entry.source && entry.source.kind !== 'paste' && entry.source.kind !== 'upload' && (
            <button type="button" onClick={act(() => resync(entry.id))}>
              Resync with source
            </button>
          )}
          <button type="button" onClick={act(() => duplicateImport(entry.id))}>
            Duplicate
          </button>
          <button type="button" className="danger" onClick={onDelete}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

/** What a resync found: new columns the import does not map yet, mapped columns now gone. */
function ResyncNote({ result }: { result: ResyncResult }) {
  const { newColumns, goneColumns } = result;
  return (
    <div className="resync-note" role="status" data-testid="resync-note">
      {newColumns.length === 0 && goneColumns.length === 0 && (
        <span className="muted">Columns unchanged.</span>
      )}
      {newColumns.length > 0 && (
        <div>
          Not mapped yet: <strong>{newColumns.join(', ')}</strong>. Edit the import to map them.
        </div>
      )}
      {goneColumns.length > 0 && (
        <div className="form-error">No longer in the source: {goneColumns.join(', ')}.</div>
      )}
    </div>
  );
}
