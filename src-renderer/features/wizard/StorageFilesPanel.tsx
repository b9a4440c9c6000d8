import { useEffect, useState } from 'react';
import type { StorageFileInfo } from '../../../src-shared/model/source';
import { call, errorMessage } from '../../api/client';
import { previewStorageFile, type Draft } from '../../stores/drafts.store';
import { StorageFileList } from '../imports/sources/StorageFileList';
import { RULE_LABELS } from '../imports/sources/StorageSourceForm';

/**
 * A storage draft's matching files above its preview: the preview shows one of them (the first, or
 * the one picked) and never applies the selection rule, which says what each run reads.
 */
export function StorageFilesPanel({ draft }: { draft: Draft }) {
  const [files, setFiles] = useState<StorageFileInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sourceId = draft.source?.id;
  const described = draft.described?.kind === 'storage' ? draft.described : null;
  useEffect(() => {
    if (!sourceId) return;
    let live = true;
    call('sources:files', { sourceId })
      .then((listed) => live && setFiles(listed))
      .catch((failure: unknown) => live && setError(errorMessage(failure)));
    return () => {
      live = false;
    };
  }, [sourceId]);
  if (!described) return null;
  return (
    <section className="storage-files-panel" aria-label="Matching files">
      <p className="muted">
        Each run reads: <strong>{RULE_LABELS[described.select ?? 'last-modified'].toLowerCase()}</strong>. The
        preview shows the file picked below; it does not apply the rule.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {files && (
        <StorageFileList
          files={files}
          picked={described.file ?? undefined}
          onPick={draft.busy ? undefined : (name) => void previewStorageFile(draft.key, name)}
        />
      )}
    </section>
  );
}
