import type { ImportOverview } from '../../../src-shared/model/run';
import { call } from '../../api/client';
import { findDraft, openSourceDraft } from '../../stores/drafts.store';
import { resumeSavedImport } from '../../stores/mapping.store';
import { goToMapping } from '../wizard/go-to-mapping';

/**
 * Opens a saved import for editing: its source is previewed and staged again with the saved dialect
 * (the file may have changed), and the saved mapping is applied by column name on the mapping step.
 */
export async function editImport(entry: ImportOverview): Promise<void> {
  if (!entry.source) throw new Error(`The source of "${entry.name}" is gone; the import cannot be edited.`);
  const definition = await call('imports:get', { importId: entry.id });
  const key = await openSourceDraft(entry.source, definition.dialect, entry.name);
  const draft = findDraft(key);
  if (!draft?.preview) return;
  await goToMapping(draft, definition.importType);
  resumeSavedImport(key, definition);
}
