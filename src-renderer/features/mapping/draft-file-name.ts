import { fileNameOfSource } from '../../../src-shared/mapping/static-placeholders';
import type { Draft } from '../../stores/drafts.store';

/**
 * A run's `{file_name}` for the draft's source: a described source (feed, storage, query) by its
 * spec, as main names it; a dropped or uploaded file by its name; pasted data has none.
 */
export function fileNameOfDraft({ source, described }: Pick<Draft, 'source' | 'described'>): string {
  if (described) return fileNameOfSource(described);
  return source && (source.kind === 'file' || source.kind === 'upload') ? source.name : '';
}
