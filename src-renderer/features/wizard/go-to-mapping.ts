import type { ImportType } from '../../../src-shared/model/import-type';
import { setStep, type Draft } from '../../stores/drafts.store';
import { mappingOf, resumeSavedImport, startMapping } from '../../stores/mapping.store';
import { useSettingsStore } from '../../stores/settings.store';

/**
 * Leaves the preview for the mapping step. The first time (or after the columns changed with a new
 * dialect) the mapping starts over from the detected columns; otherwise edits are kept.
 */
export async function goToMapping(draft: Draft, importType: ImportType = 'customers'): Promise<void> {
  const preview = draft.preview;
  if (!preview) return;
  const header = draft.dataset?.columns ?? preview.header;
  const existing = mappingOf(draft.key);
  const sameColumns =
    existing &&
    existing.present.columns.map((column) => column.source).join('\u001f') === header.join('\u001f');
  if (!sameColumns) {
    const columns = header.map((name, index) => ({ name, type: preview.columns[index]?.type ?? 'text' }));
    const name = draft.name.replace(/\.(csv|tsv|txt|xml)$/i, '');
    await startMapping(
      draft.key,
      columns,
      existing?.present.importType ?? importType,
      name,
      useSettingsStore.getState().settings.defaultTimeZone,
    );
    // Editing a saved import (or one saved from this draft): the new columns keep its mapping by
    // name, its name and its id, so saving updates it instead of creating a second import.
    if (existing?.importId) {
      resumeSavedImport(draft.key, {
        id: existing.importId,
        name: existing.importName,
        mapping: existing.present,
      });
    }
  }
  setStep(draft.key, 'mapping');
}
