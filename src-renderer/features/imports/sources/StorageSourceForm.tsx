import { useState } from 'react';
import {
  SELECTION_RULES,
  type SelectionRule,
  type SourceRef,
  type StorageFileInfo,
} from '../../../../src-shared/model/source';
import { call } from '../../../api/client';
import { previewDescribedSource, type DescribedSource } from '../../../stores/drafts.store';
import { ConnectionSelect } from './ConnectionSelect';
import { FormError } from './FormError';
import { StorageFileList } from './StorageFileList';
import { useSubmit } from './use-submit';

const STORAGE_KINDS = ['sftp', 's3', 'azure', 'gcs'] as const;

export const RULE_LABELS: Record<SelectionRule, string> = {
  all: 'All matching files',
  'last-modified': 'The last modified file',
  'last-alphabetically': 'The last file alphabetically',
  'not-imported-yet': 'Files not imported yet',
};

/**
 * Files in SFTP, S3, Azure Blob or Google Cloud Storage: one file's path, or a folder (prefix) and
 * a regular expression between slashes matched against the names in it, with the rule that picks
 * which matching files a run reads. "List files" shows what matches now; the preview never applies
 * the rule (it shows the first match, or the one picked).
 */
export function StorageSourceForm({ onDone }: { onDone(): void }) {
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [match, setMatch] = useState('');
  const [select, setSelect] = useState<SelectionRule>('last-modified');
  const [listed, setListed] = useState<{
    source: SourceRef;
    spec: DescribedSource;
    files: StorageFileInfo[];
  } | null>(null);
  const listing = useSubmit(() => undefined);
  const previewing = useSubmit(onDone);
  const spec = (): DescribedSource => ({
    kind: 'storage',
    connectionId: connectionId!,
    path: path.trim(),
    match: match.trim() === '' ? null : match.trim(),
    select,
  });
  const list = () =>
    listing.submit(async () => {
      setListed(null);
      const described = spec();
      const source = await call('sources:add', described);
      setListed({ source, spec: described, files: await call('sources:files', { sourceId: source.id }) });
    });
  const preview = () =>
    previewing.submit(async () => {
      const described = spec();
      const current =
        listed && JSON.stringify(listed.spec) === JSON.stringify(described)
          ? listed.source
          : await call('sources:add', described);
      await previewDescribedSource(current, described);
    });
  const ready = connectionId !== null && (path.trim() !== '' || match.trim() !== '');

  return (
    <div className="connection-form storage-form">
      <ConnectionSelect kinds={STORAGE_KINDS} value={connectionId} onChange={setConnectionId} />
      <label>
        Path
        <input
          aria-label="Path"
          spellCheck={false}
          placeholder="exports/ or exports/customers.csv"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <span className="muted field-hint">
          A file, or the folder (prefix) the pattern searches; empty is the root.
        </span>
      </label>
      <label>
        File name pattern
        <input
          aria-label="File name pattern"
          spellCheck={false}
          placeholder="/export_[0-9]+\.csv/"
          value={match}
          onChange={(e) => setMatch(e.target.value)}
        />
        <span className="muted field-hint">
          A regular expression between slashes, matched against the names in the folder. Empty: the path is
          one file.
        </span>
      </label>
      <label>
        Each run reads
        <select
          aria-label="Each run reads"
          value={select}
          onChange={(e) => setSelect(e.target.value as SelectionRule)}
        >
          {SELECTION_RULES.map((rule) => (
            <option key={rule} value={rule}>
              {RULE_LABELS[rule]}
            </option>
          ))}
        </select>
      </label>
      <div className="form-buttons">
        <button type="button" disabled={!ready || listing.busy} onClick={() => void list()}>
          {listing.busy ? 'Listing…' : 'List files'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!ready || previewing.busy}
          onClick={() => void preview()}
        >
          {previewing.busy ? 'Reading…' : 'Preview'}
        </button>
      </div>
      <FormError error={listing.error ?? previewing.error} />
      {listed && <StorageFileList files={listed.files} />}
    </div>
  );
}
