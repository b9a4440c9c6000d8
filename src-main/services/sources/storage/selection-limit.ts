import type { SourceSpec } from '../../../../src-shared/model/source';
import type { ConnectorContext } from '../connectors/connector';
import { storageConnector } from '../connectors/storage';
import { MAX_SELECTED_FILES, selectFiles } from './file-selection';

/**
 * Refuses to save an import whose storage rule ('all', 'not imported yet') would read more than
 * 200 of the files matching now, already imported ones counted (the seed: refused when saved as
 * when started). Other sources and rules pass without a listing.
 */
export async function checkSelectionLimit(spec: SourceSpec, context: ConnectorContext): Promise<void> {
  if (spec.kind !== 'storage' || (spec.select !== 'all' && spec.select !== 'not-imported-yet')) return;
  const files = await storageConnector.list!(spec, context);
  if (files.length <= MAX_SELECTED_FILES) return;
  selectFiles(files, spec.select, [], `${context.connection?.name ?? 'storage'}:${spec.path || '/'}`);
}
