import type { Handlers } from '../../../src-shared/contract';
import type { HandlerContext } from '../handler-context';
import { getSource } from '../sources/source-repository';

/** Requests of the `datasets` domain. */
export const datasetsHandlers = {
  'datasets:stage': async ({ sourceId, overrides }, context) => {
    const source = getSource(context.workspace.db, sourceId);
    // Usually the preview the user is looking at, so the head is not read and detected twice.
    return context.staging.start(source, await context.previews.get(source, overrides));
  },
  'datasets:get': ({ datasetId }, context) => context.staging.get(datasetId),
  'datasets:cancel': ({ datasetId }, context) => context.staging.cancel(datasetId),
  'datasets:drop': async ({ datasetId }, context) => {
    context.validation.forget(datasetId);
    return { dropped: await context.staging.drop(datasetId) };
  },
  'datasets:rows': ({ datasetId, offset, limit, sort, filter, problemsOnly }, context) =>
    problemsOnly
      ? context.staging.rowsAt(datasetId, offset, limit, context.validation.problemRows(datasetId))
      : context.staging.rows(datasetId, offset, limit, {
          ...(sort ? { sort } : {}),
          ...(filter ? { filter } : {}),
        }),
} satisfies Pick<
  Handlers<HandlerContext>,
  'datasets:stage' | 'datasets:get' | 'datasets:cancel' | 'datasets:drop' | 'datasets:rows'
>;
