import { useRef, useState } from 'react';
import { shellKind } from '../../api/client';
import { Icon } from '../../components/Icon';
import { EmptyState } from '../../components/EmptyState';
import { addFiles, chooseFiles, showDraft, useDraftsStore } from '../../stores/drafts.store';
import { setPasteOpen, useNavigationStore } from '../../stores/navigation.store';
import { PreviewStep } from '../wizard/PreviewStep';
import { MappingStep } from '../mapping/MappingStep';
import { PasteDialog } from './PasteDialog';
import { SourceDialog, type SourceTab } from './sources/SourceDialog';
import { SavedImportsList } from './SavedImportsList';
import { RunDetail } from '../runs/RunDetail';
import { useRunsStore } from '../../stores/runs.store';
import { usePasteShortcut } from './use-paste-shortcut';

/** The Imports page: new imports being set up (one tab each), or the empty state. */
export function ImportsPage() {
  const drafts = useDraftsStore((state) => state.drafts);
  const activeKey = useDraftsStore((state) => state.activeKey);
  const pasteOpen = useNavigationStore((state) => state.pasteOpen);
  const detailRunId = useRunsStore((state) => state.detailRunId);
  const hasImports = useRunsStore((state) => state.imports.length > 0);
  const fileInput = useRef<HTMLInputElement>(null);
  const [sourceTab, setSourceTab] = useState<SourceTab | null>(null);
  usePasteShortcut(!pasteOpen);
  const active = drafts.find((draft) => draft.key === activeKey) ?? null;
  const openFile = () => (shellKind() === 'electron' ? void chooseFiles() : fileInput.current?.click());

  return (
    <div className="page">
      <header className="page__header">
        <h1>Imports</h1>
        <button type="button" onClick={openFile}>
          Open file…
        </button>
        <button type="button" onClick={() => setPasteOpen(true)}>
          Paste data…
        </button>
        <span className="header-group" role="group" aria-label="Other sources">
          <button type="button" onClick={() => setSourceTab('url')}>
            URL feed…
          </button>
          <button type="button" onClick={() => setSourceTab('database')}>
            Database…
          </button>
          <button type="button" onClick={() => setSourceTab('storage')}>
            File storage…
          </button>
          <button type="button" onClick={() => setSourceTab('workspace')}>
            Workspace query…
          </button>
        </span>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          accept=".csv,.tsv,.txt,.xml,.xlsx,text/csv,text/plain,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="file-input"
          onChange={(e) => {
            void addFiles(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </header>
      {drafts.length > 0 && (
        <nav className="draft-tabs" aria-label="New imports">
          {drafts.map((draft) => (
            <button
              key={draft.key}
              type="button"
              className={draft.key === activeKey ? 'draft-tab draft-tab--active' : 'draft-tab'}
              aria-current={draft.key === activeKey ? 'page' : undefined}
              onClick={() => showDraft(draft.key)}
            >
              {draft.name}
            </button>
          ))}
        </nav>
      )}
      {active ? (
        active.step === 'mapping' ? (
          <MappingStep key={active.key} draft={active} />
        ) : (
          <PreviewStep draft={active} />
        )
      ) : detailRunId ? (
        <RunDetail key={detailRunId} runId={detailRunId} />
      ) : hasImports ? (
        <p className="muted drop-hint">Drop a file anywhere or press Ctrl+V to start another import.</p>
      ) : (
        <EmptyState title="No imports yet" icon={<Icon name="import" size={40} />}>
          <p className="empty-state__lead">Drop a file anywhere or press Ctrl+V to start an import</p>
          <p className="muted">
            CSV, TSV or XML up to 1 GB, or cells copied from a spreadsheet. Intake detects the encoding and
            the delimiter and shows a preview at once.
          </p>
        </EmptyState>
      )}
      {!active && <SavedImportsList />}
      <PasteDialog open={pasteOpen} onClose={() => setPasteOpen(false)} />
      {sourceTab && <SourceDialog initial={sourceTab} onClose={() => setSourceTab(null)} />}
    </div>
  );
}
