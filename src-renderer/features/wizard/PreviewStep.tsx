import { call } from '../../api/client';
import { changeDialect, closeDraft, type Draft } from '../../stores/drafts.store';
import { goToMapping } from './go-to-mapping';
import { DialectBar } from './DialectBar';
import { IssuesPanel } from './IssuesPanel';
import { PreviewGrid } from './PreviewGrid';
import { StagingProgress } from './StagingProgress';
import { StorageFilesPanel } from './StorageFilesPanel';

/** Step 2 of a new import: check how Intake reads the source, fix the dialect if needed. */
export function PreviewStep({ draft }: { draft: Draft }) {
  const { preview, dataset } = draft;
  return (
    <section className="preview-step" aria-label={`Preview of ${draft.name}`} data-testid="preview-step">
      <header className="preview-step__header">
        <h2>{draft.name}</h2>
        <StagingProgress
          dataset={dataset}
          progress={draft.progress}
          onCancel={() => dataset && void call('datasets:cancel', { datasetId: dataset.id })}
        />
        <button type="button" className="preview-step__close" onClick={() => void closeDraft(draft.key)}>
          Close
        </button>
        <button
          type="button"
          className="primary"
          disabled={!preview || draft.busy}
          onClick={() => void goToMapping(draft)}
        >
          Next: map columns →
        </button>
      </header>
      {draft.error && (
        <p className="form-error" role="alert" data-testid="draft-error">
          {draft.error}
        </p>
      )}
      {draft.source?.kind === 'storage' && <StorageFilesPanel draft={draft} />}
      {draft.notice && (
        <p className="banner" role="status" data-testid="draft-notice">
          {draft.notice}
        </p>
      )}
      {!preview && !draft.error && !draft.notice && <p className="muted">Reading…</p>}
      {preview && preview.rows.length === 0 && preview.header.length > 0 && (
        <p className="banner" role="status" data-testid="header-only">
          Only a header, no rows yet: map the {preview.header.length} columns and save the import — a run
          imports the rows once the file has them.
        </p>
      )}
      {preview && (
        <>
          {preview.dialectFixed ? (
            <p className="muted dialect-fixed" data-testid="dialect-fixed">
              {draft.source?.detail ? `${draft.source.detail} — ` : ''}columns, rows and the types the query
              declares come from the source itself: there is no encoding or delimiter to choose.
            </p>
          ) : (
            <DialectBar
              preview={preview}
              overrides={draft.overrides}
              disabled={draft.busy}
              onChange={(change) => void changeDialect(draft.key, change)}
            />
          )}
          <PreviewGrid
            key={`${preview.dialect.delimiter}${preview.dialect.encoding}${preview.dialect.hasHeader}${preview.format}`}
            preview={preview}
            dataset={dataset}
          />
          <IssuesPanel issues={dataset?.status === 'ready' ? dataset.issues : preview.issues} />
        </>
      )}
    </section>
  );
}
