import { useState } from 'react';
import { call } from '../../api/client';
import { changeDialect, closeDraft, type Draft } from '../../stores/drafts.store';
import { useRawLinesStore } from '../../stores/raw-lines.store';
import { goToMapping } from './go-to-mapping';
import { DialectBar } from './DialectBar';
import { IssuesPanel } from './IssuesPanel';
import { barPreviewFrom, failureAdvice, failureToShow, overridesOf } from './parse-failure';
import { PreviewGrid } from './PreviewGrid';
import { RawLinesView } from './RawLinesView';
import { StagingProgress } from './StagingProgress';
import { StorageFilesPanel } from './StorageFilesPanel';

/**
 * Step 2 of a new import: check how Intake reads the source, fix the dialect if needed. A parse
 * failure is not a dead end: the dialect bar stays, with the source's raw lines around the error.
 */
export function PreviewStep({ draft }: { draft: Draft }) {
  const { preview, dataset, source } = draft;
  const failure = failureToShow(draft);
  const failedPreview = failure?.stage === 'preview';
  const raw = useRawLinesStore((state) => (failedPreview ? (state.views[draft.key]?.lines ?? null) : null));
  // A failed preview's bar shows the settings that failed (read with the raw lines), not an older preview's.
  const barPreview = failedPreview && raw ? barPreviewFrom(raw) : preview;
  const [shownRow, setShownRow] = useState<number | null>(null);
  const canReadAgain = source !== null && source.kind !== 'paste' && source.kind !== 'upload';
  return (
    <section className="preview-step" aria-label={`Preview of ${draft.name}`} data-testid="preview-step">
      <header className="preview-step__header">
        <h2>{draft.name}</h2>
        <StagingProgress
          // A failed preview's dataset is the last good dialect's: its totals no longer apply.
          dataset={failedPreview ? null : dataset}
          progress={draft.progress}
          onCancel={() => dataset && void call('datasets:cancel', { datasetId: dataset.id })}
        />
        <button type="button" className="preview-step__close" onClick={() => void closeDraft(draft.key)}>
          Close
        </button>
        <button
          type="button"
          className="primary"
          disabled={!preview || draft.busy || failedPreview || dataset?.status === 'failed'}
          onClick={() => void goToMapping(draft)}
        >
          Next: map columns →
        </button>
      </header>
      {failure && failedPreview ? (
        <p
          className="form-error parse-failure"
          role="alert"
          data-testid="draft-error"
          data-code={failure.code}
        >
          <code className="parse-failure__code">{failure.code}</code> {failure.message}
          {canReadAgain && (
            <button
              type="button"
              className="parse-failure__again"
              disabled={draft.busy}
              onClick={() => void changeDialect(draft.key, {})}
            >
              Read the file again
            </button>
          )}
        </p>
      ) : (
        draft.error && (
          <p className="form-error" role="alert" data-testid="draft-error">
            {draft.error}
          </p>
        )
      )}
      {source?.kind === 'storage' && <StorageFilesPanel draft={draft} />}
      {draft.notice && (
        <p className="banner" role="status" data-testid="draft-notice">
          {draft.notice}
        </p>
      )}
      {!preview && !draft.error && !draft.notice && !failure && <p className="muted">Reading…</p>}
      {preview && !failedPreview && preview.rows.length === 0 && preview.header.length > 0 && (
        <p className="banner" role="status" data-testid="header-only">
          Only a header, no rows yet: map the {preview.header.length} columns and save the import — a run
          imports the rows once the file has them.
        </p>
      )}
      {preview?.dialectFixed ? (
        <p className="muted dialect-fixed" data-testid="dialect-fixed">
          {source?.detail ? `${source.detail} — ` : ''}columns, rows and the types the query declares come
          from the source itself: there is no encoding or delimiter to choose.
        </p>
      ) : (
        barPreview && (
          <DialectBar
            preview={barPreview}
            overrides={draft.overrides}
            disabled={draft.busy}
            onChange={(change) => void changeDialect(draft.key, change)}
          />
        )
      )}
      {failure && source && (
        <RawLinesView
          slot={draft.key}
          sourceId={source.id}
          overrides={
            failure.stage === 'staging' && dataset
              ? overridesOf(dataset.dialect, dataset.format)
              : draft.overrides
          }
          at={failure.at}
          markTarget={failure.located}
          advice={(lines) => failureAdvice(failure, lines)}
        >
          {failure.stage === 'staging' && (
            <p className="parse-failure">
              <code className="parse-failure__code">{failure.code}</code> Loading stopped here; the grid below
              shows only the preview's first rows.
            </p>
          )}
        </RawLinesView>
      )}
      {preview && !failedPreview && (
        <>
          <PreviewGrid
            key={`${preview.dialect.delimiter}${preview.dialect.encoding}${preview.dialect.hasHeader}${preview.format}`}
            preview={preview}
            dataset={dataset}
          />
          <IssuesPanel
            issues={dataset?.status === 'ready' ? dataset.issues : preview.issues}
            onShowRow={preview.format === 'csv' && source ? setShownRow : undefined}
          />
          {shownRow !== null && source && (
            <RawLinesView
              slot={`${draft.key}:row`}
              sourceId={source.id}
              overrides={overridesOf(preview.dialect, preview.format)}
              at={{ row: shownRow }}
              onClose={() => setShownRow(null)}
            />
          )}
        </>
      )}
    </section>
  );
}
