import { useEffect, useRef, useState } from 'react';
import { IMPORT_TYPE_LABELS } from '../../../src-shared/model/import-type';
import { isActiveRun, type ImportOverview } from '../../../src-shared/model/run';
import {
  cancelRun,
  deleteImport,
  duplicateImport,
  loadImports,
  dryRunImport,
  openRunDetail,
  resetCursor,
  runImport,
  runImportWithFile,
  useRunsStore,
} from '../../stores/runs.store';
import { DeleteImportDialog } from '../runs/DeleteImportDialog';
import { formatTime } from '../runs/format';
import { RunProgressBars } from '../runs/RunProgressBars';
import { RunStatusBadge } from '../runs/RunStatusBadge';
import { editImport } from './edit-import';
import { call, errorMessage } from '../../api/client';
import type { AutomationState } from '../../../src-shared/model/automation';
import {
  loadAutomations,
  openScheduleEditor,
  pauseAutomation,
  useAutomationStore,
} from '../../stores/automation.store';
import { ScheduleDialog } from './schedule/ScheduleDialog';
import { DestinationDialog } from './destination/DestinationDialog';
import { TestRecordDialog } from './destination/TestRecordDialog';
import type { ResyncResult } from '../../../src-shared/model/import-definition';

/** The saved imports: what each reads, its newest run (live while it runs) and what can be done. */
export function SavedImportsList() {
  const imports = useRunsStore((state) => state.imports);
  const error = useRunsStore((state) => state.error);
  const [deleting, setDeleting] = useState<ImportOverview | null>(null);
  const [placing, setPlacing] = useState<ImportOverview | null>(null);
  const [testing, setTesting] = useState<ImportOverview | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // One file input for every row: the import it runs for is kept while the dialog is open.
  const anotherFile = useRef<HTMLInputElement>(null);
  const anotherFileFor = useRef<string | null>(null);
  const editing = useAutomationStore((state) => state.editing);
  const editingEntry = imports.find((entry) => entry.id === editing);
  useEffect(() => {
    void loadImports();
    void loadAutomations();
  }, []);
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
            <th scope="col">Runs by itself</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((entry) => (
            <ImportRow
              key={entry.id}
              entry={entry}
              act={act}
              onDelete={() => setDeleting(entry)}
              onDestination={() => setPlacing(entry)}
              onTestRecord={() => setTesting(entry)}
              onAnotherFile={() => {
                anotherFileFor.current = entry.id;
                anotherFile.current?.click();
              }}
            />
          ))}
        </tbody>
      </table>
      <input
        ref={anotherFile}
        type="file"
        hidden
        accept={DATA_FILES}
        data-testid="another-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          const importId = anotherFileFor.current;
          event.target.value = '';
          if (file && importId) act(() => runImportWithFile(importId, file))();
        }}
      />
      {editingEntry && <ScheduleDialog entry={editingEntry} />}
      {placing && <DestinationDialog entry={placing} onClose={() => setPlacing(null)} />}
      {testing && <TestRecordDialog entry={testing} onClose={() => setTesting(null)} />}
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
  onDestination,
  onTestRecord,
  onAnotherFile,
}: {
  entry: ImportOverview;
  act: (action: () => Promise<void>) => () => void;
  onDelete(): void;
  onDestination(): void;
  onTestRecord(): void;
  /** Opens the file picker for "Run again with another file…". */
  onAnotherFile(): void;
}) {
  const lastRun = entry.lastRun;
  const progress = useRunsStore((state) => (lastRun ? state.progress[lastRun.id] : undefined));
  const status = progress?.status ?? lastRun?.status ?? null;
  const active = status !== null && isActiveRun(status);
  const [resynced, setResynced] = useState<ResyncResult | null>(null);
  const resync = async (importId: string) => setResynced(await call('imports:resync', { importId }));
  const automation = useAutomationStore((state) => state.byImport[entry.id]);
  return (
    <tr data-testid="import-row" data-name={entry.name}>
      <td>{entry.name}</td>
      <td>
        {entry.source?.name ?? <span className="muted">(source removed)</span>}
        {lastRun && entry.source && lastRun.sourceName !== entry.source.name && (
          <div className="muted" data-testid="last-run-file">
            last run read {lastRun.sourceName}
          </div>
        )}
        {entry.destinationName && (
          <div className="muted" data-testid="import-destination">
            → {entry.destinationName}
          </div>
        )}
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
            <RunStatusBadge status={status} rejected={lastRun.rows.rejected} />
          </button>
        ) : (
          <RunStatusBadge status={null} />
        )}
        {status === 'queued' && entry.queuePosition !== null && (
          <div className="muted" data-testid="queue-position">
            {entry.queuePosition === 1 ? 'next in the queue' : `number ${entry.queuePosition} in the queue`}
          </div>
        )}
        {active && progress && <RunProgressBars progress={progress} />}
        {entry.failure && (
          <button
            type="button"
            className="link import-failure"
            data-testid="import-failure"
            onClick={() => openRunDetail(entry.failure!.id)}
            title="Shown until a run of this import succeeds"
          >
            {entry.failure.startedBy === 'user' ? 'Failed' : 'A scheduled run failed'}{' '}
            {formatTime(entry.failure.finishedAt)}: {entry.failure.error?.message.split('\n')[0]}
          </button>
        )}
      </td>
      <td>
        {formatTime(entry.lastSync)}
        {entry.cursor && (
          <div
            className="muted"
            data-testid="import-cursor"
            title="Each run reads only rows whose time field is after this"
          >
            Read up to {formatTime(entry.cursor.value)}
          </div>
        )}
      </td>
      <td data-testid="import-automation">
        {automation ? (
          <AutomationSummary state={automation} />
        ) : (
          <span className="muted">Only when asked</span>
        )}
      </td>
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
          {entry.source && (entry.source.kind === 'file' || entry.source.kind === 'upload') && (
            <button
              type="button"
              disabled={active}
              onClick={onAnotherFile}
              title="Run this import's mapping and cleanup steps over a new version of the file; the import keeps its own file"
            >
              Run again with another file…
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
          {entry.cursor && (
            <button type="button" disabled={active} onClick={act(() => resetCursor(entry.id))}>
              Read everything again
            </button>
          )}
          <button type="button" onClick={onDestination}>
            Destination…
          </button>
          <button
            type="button"
            disabled={!entry.source || active}
            onClick={act(() => dryRunImport(entry.id))}
          >
            Dry run
          </button>
          {entry.destination.kind === 'platform' && (
            <button type="button" disabled={!entry.source || active} onClick={onTestRecord}>
              Test a record…
            </button>
          )}
          <button type="button" onClick={() => openScheduleEditor(entry.id)}>
            Schedule…
          </button>
          {automation && (
            <button type="button" onClick={act(() => pauseAutomation(entry.id, !automation.paused))}>
              {automation.paused ? 'Resume' : 'Pause'}
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

/** The files a picker offers: what Intake reads (any file can still be chosen). */
const DATA_FILES =
  '.csv,.tsv,.txt,.xml,.xlsx,text/csv,text/plain,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An import's schedule or trigger in words, its next run, and a trigger's last poll error. */
function AutomationSummary({ state }: { state: AutomationState }) {
  return (
    <div>
      <div data-testid="automation-words">{state.words}</div>
      <div className="muted" data-testid="automation-next">
        {state.paused
          ? 'Paused'
          : state.nextDueAt
            ? `Next: ${formatTime(state.nextDueAt)}`
            : 'Ended: no more runs'}
      </div>
      {state.lastError && (
        <div className="form-error" data-testid="automation-error">
          Last check failed: {state.lastError.message}
        </div>
      )}
    </div>
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
