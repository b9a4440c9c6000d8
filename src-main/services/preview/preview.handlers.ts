import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { getSource } from '../sources/source-repository';
import type { PreviewCache } from './preview-cache';

/** The preview request: detection and the first rows of a registered source (in the worker pool). */
export function createPreviewHandlers(deps: {
  db: Database;
  previews: PreviewCache;
}): Pick<Handlers, 'sources:preview'> {
  return {
    'sources:preview': ({ sourceId, overrides, rows }) =>
      deps.previews.get(getSource(deps.db, sourceId), overrides, rows),
  };
}
