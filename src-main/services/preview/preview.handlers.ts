import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { getSource } from '../sources/source-repository';
import type { PreviewCache } from './preview-cache';
import type { RawLinesReader } from './raw-lines-reader';

/** The preview requests: detection and the first rows, and the raw lines around a spot (in the worker pool). */
export function createPreviewHandlers(deps: {
  db: Database;
  previews: PreviewCache;
  rawLines: RawLinesReader;
}): Pick<Handlers, 'sources:preview' | 'sources:rawLines'> {
  return {
    'sources:preview': ({ sourceId, overrides, rows }) =>
      deps.previews.get(getSource(deps.db, sourceId), overrides, rows),
    'sources:rawLines': ({ sourceId, overrides, at, around }) =>
      deps.rawLines.read(getSource(deps.db, sourceId), { overrides, at, around }),
  };
}
