import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { RECENT_PREVIEW_MS, type PreviewCache } from '../preview/preview-cache';
import { getSource } from '../sources/source-repository';
import type { StagingService } from './staging-service';

/** Requests of the `datasets` domain. */
export function createDatasetsHandlers(deps: {
  db: Database;
  staging: StagingService;
  previews: PreviewCache;
  /** Forgets a dropped dataset's validation, and gives the rows with problems of a validated one. */
  validation: { forget(datasetId: string): void; problemRows(datasetId: string): Uint32Array };
}): Pick<
  Handlers,
  'datasets:stage' | 'datasets:get' | 'datasets:cancel' | 'datasets:drop' | 'datasets:rows'
> {
  const { staging, validation } = deps;
  return {
    'datasets:stage': async ({ sourceId, overrides }) => {
      const source = getSource(deps.db, sourceId);
      // Usually the preview the user is looking at, so the head is not read and detected twice.
      // The preview on screen was just taken: a query or a feed need not be asked twice.
      return staging.start(
        source,
        await deps.previews.get(source, overrides, undefined, { maxAgeMs: RECENT_PREVIEW_MS }),
      );
    },
    'datasets:get': ({ datasetId }) => staging.get(datasetId),
    'datasets:cancel': ({ datasetId }) => staging.cancel(datasetId),
    'datasets:drop': async ({ datasetId }) => {
      validation.forget(datasetId);
      return { dropped: await staging.drop(datasetId) };
    },
    'datasets:rows': ({ datasetId, offset, limit, sort, filter, mapping, problemsOnly }) =>
      problemsOnly
        ? staging.rowsAt(datasetId, offset, limit, validation.problemRows(datasetId))
        : staging.rows(datasetId, offset, limit, {
            ...(sort ? { sort } : {}),
            ...(filter ? { filter } : {}),
            ...(mapping ? { mapping } : {}),
          }),
  };
}
