import { useEffect, useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { loadConnections } from '../../../stores/connections.store';
import { DatabaseSourceForm } from './DatabaseSourceForm';
import { StorageSourceForm } from './StorageSourceForm';
import { UrlSourceForm } from './UrlSourceForm';
import { WorkspaceQueryForm } from './WorkspaceQueryForm';

/** The sources the picker offers besides a file and pasted cells (which have their own buttons). */
export type SourceTab = 'url' | 'database' | 'storage' | 'workspace';

const TABS: { tab: SourceTab; label: string }[] = [
  { tab: 'url', label: 'URL feed' },
  { tab: 'database', label: 'Database' },
  { tab: 'storage', label: 'File storage' },
  { tab: 'workspace', label: 'Workspace query' },
];

/**
 * "Other source…": where a new import reads from when it is not a file on this computer or pasted
 * cells. Each form registers its source and opens the preview; refusals show in the form.
 */
export function SourceDialog({ initial, onClose }: { initial: SourceTab; onClose(): void }) {
  const [tab, setTab] = useState<SourceTab>(initial);
  useEffect(() => void loadConnections(), []);
  return (
    <Dialog title="New import from…" open onClose={onClose}>
      <div className="source-tabs" role="tablist" aria-label="Source kind">
        {TABS.map((option) => (
          <button
            key={option.tab}
            type="button"
            role="tab"
            aria-selected={tab === option.tab}
            className={tab === option.tab ? 'source-tab source-tab--active' : 'source-tab'}
            onClick={() => setTab(option.tab)}
          >
            {option.label}
          </button>
        ))}
      </div>
      <div className="source-form" role="tabpanel">
        {tab === 'url' && <UrlSourceForm onDone={onClose} />}
        {tab === 'database' && <DatabaseSourceForm onDone={onClose} />}
        {tab === 'storage' && <StorageSourceForm onDone={onClose} />}
        {tab === 'workspace' && <WorkspaceQueryForm onDone={onClose} />}
      </div>
    </Dialog>
  );
}
