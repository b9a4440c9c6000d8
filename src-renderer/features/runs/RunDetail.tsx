import { useEffect, useState } from 'react';
import { DRY_RUN_NOTE, isActiveRun, type Run, type RunStarter } from '../../../src-shared/model/run';
import { call, errorMessage } from '../../api/client';
import { openRunDetail, useRunsStore } from '../../stores/runs.store';
import { formatCount, formatSize } from '../../components/format';
import { formatDuration, formatTime } from './format';
import { PushFigures } from './PushFigures';
import { RejectsTable } from './RejectsTable';
import { RunProgressBars } from './RunProgressBars';
import { RunStatusBadge } from './RunStatusBadge';

/** One run: timings, counts, warnings or error, and its rejects; the import's other runs beside it. */
export function RunDetail({ runId }: { runId: string }) {
  const [run, setRun] = useState<Run | null>(null);
  const [history, setHistory] = useState<Run[]>([]);
  const [error, setError] = useState<string | null>(null);
  const progress = useRunsStore((state) => state.progress[runId]);
  const status = progress?.status;
  useEffect(() => {
    let current = true;
    call('runs:get', { runId })
      .then(async (loaded) => {
        if (!current) return;
        setRun(loaded);
        if (loaded.importId) {
          const runs = await call('runs:list', { importId: loaded.importId, limit: 20 });
          if (current) setHistory(runs);
        }
      })
      .catch((failure: unknown) => current && setError(errorMessage(failure)));
    return () => {
      current = false;
    };
  }, [runId, status]);
  if (error) return <p className="form-error">{error}</p>;
  if (!run) return <p className="muted">Loading the run…</p>;
  const rows = run.rows;
  return (
    <section className="card run-detail" aria-label="Run detail" data-testid="run-detail">
      <header className="run-detail__header">
        <h2>
          {run.importName} <RunStatusBadge status={progress?.status ?? run.status} />
        </h2>
        <button type="button" onClick={() => openRunDetail(null)}>
          Close
        </button>
      </header>
      {progress && isActiveRun(progress.status) && <RunProgressBars progress={progress} />}
      <dl className="facts run-detail__facts">
        <dt>Source</dt>
        <dd>{run.sourceName}</dd>
        <dt>Import type</dt>
        <dd>{run.importType}</dd>
        <dt>Started by</dt>
        <dd data-testid="run-started-by">
          {STARTED_BY[run.startedBy]}
          {run.coalesced > 0 && (
            <span className="muted">
              {' '}
              · asked for {run.coalesced} more time{run.coalesced === 1 ? '' : 's'} while it ran (joined this
              run)
            </span>
          )}
        </dd>
        <dt>Queued</dt>
        <dd>{formatTime(run.queuedAt)}</dd>
        <dt>Loading</dt>
        <dd>{formatDuration(run.startedAt, run.processingAt ?? run.finishedAt)}</dd>
        <dt>Processing</dt>
        <dd>{formatDuration(run.processingAt, run.finishedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatTime(run.finishedAt)}</dd>
      </dl>
      <dl className="run-counts" data-testid="run-counts">
        {(
          [
            ['Read', rows.read],
            ['Imported', rows.imported],
            ['Updated', rows.updated],
            ['Deduplicated', rows.deduplicated],
            ['Rejected', rows.rejected],
            ...(rows.skipped > 0 ? [['Skipped', rows.skipped] as const] : []),
          ] as const
        ).map(([label, value]) => (
          <div key={label} data-testid={`count-${label.toLowerCase()}`}>
            <dt>{label}</dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      {run.error && (
        <p className="form-error" role="alert" data-testid="run-error">
          {run.error.message}
        </p>
      )}
      {run.warnings.map((warning) => (
        <p key={warning} className="warning-note">
          {warning}
        </p>
      ))}
      {run.push && <PushFigures push={run.push} />}
      {run.files.length > 0 && (
        <section aria-label="Files read" data-testid="run-files">
          <h3>Files read</h3>
          <table className="plain-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Size</th>
                <th scope="col">Modified</th>
                <th scope="col">Rows</th>
              </tr>
            </thead>
            <tbody>
              {run.files.map((file) => (
                <tr key={file.name} data-testid="run-file">
                  <td>{file.name}</td>
                  <td>{formatSize(file.size)}</td>
                  <td>{formatTime(file.modifiedAt)}</td>
                  <td>{formatCount(file.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {run.status === 'succeeded' && <RejectsTable runId={run.id} total={rows.rejected} />}
      {history.length > 1 && (
        <section aria-label="Runs of this import">
          <h3>Runs of this import</h3>
          <ul className="run-history">
            {history.map((other) => (
              <li key={other.id}>
                <button type="button" className="link" onClick={() => openRunDetail(other.id)}>
                  {formatTime(other.queuedAt)}
                </button>{' '}
                <RunStatusBadge status={other.status} />{' '}
                <span className="muted">
                  {STARTED_BY_SHORT[other.startedBy]}
                  {other.warnings[0] === DRY_RUN_NOTE ? ', dry run' : ''}
                </span>{' '}
                · {formatCount(other.rows.imported)} imported · {formatCount(other.rows.deduplicated)}{' '}
                deduplicated · {formatCount(other.rows.rejected)} rejected
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

/** What started a run, as the detail says it. */
const STARTED_BY: Record<RunStarter, string> = {
  user: 'You (Run, Save and import, or the CLI)',
  schedule: 'Its schedule',
  trigger: 'A new file in storage (trigger)',
  'catch-up': 'Its schedule, caught up: the run was due while Intake was closed or asleep',
};

const STARTED_BY_SHORT: Record<RunStarter, string> = {
  user: 'by you',
  schedule: 'scheduled',
  trigger: 'new file',
  'catch-up': 'caught up',
};
