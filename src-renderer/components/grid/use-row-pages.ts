import { useCallback, useMemo, useRef, useState } from 'react';
import type { DatasetRow, RowsPage } from '../../../src-shared/model/dataset';
import { errorMessage } from '../../api/client';

/** Rows fetched per request: a screenful or two, so scrolling fetches rarely and small. */
export const PAGE_SIZE = 200;

interface PageCache {
  key: string;
  pages: Map<number, DatasetRow[]>;
  total: number;
}

/**
 * Pages of a large row set fetched on demand around the viewport and cached; only the pages the
 * grid asks for are ever requested (big data never crosses whole). A new `queryKey` (sort,
 * filter, dataset) starts a fresh cache.
 */
export function useRowPages(
  queryKey: string,
  fetchPage: (offset: number, limit: number) => Promise<RowsPage>,
  initialTotal: number,
) {
  const [cache, setCache] = useState<PageCache>({ key: queryKey, pages: new Map(), total: initialTotal });
  const [error, setError] = useState<string | null>(null);
  const requested = useRef({ key: queryKey, pages: new Set<number>() });
  // Adjusting state while rendering when the query changes (React's recommended pattern for this).
  const current = useMemo(
    () =>
      cache.key === queryKey
        ? cache
        : { key: queryKey, pages: new Map<number, DatasetRow[]>(), total: initialTotal },
    [cache, queryKey, initialTotal],
  );
  if (current !== cache) setCache(current);

  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (requested.current.key !== queryKey) requested.current = { key: queryKey, pages: new Set() };
      const asked = requested.current.pages;
      const first = Math.floor(start / PAGE_SIZE);
      const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE);
      for (let page = first; page <= last; page++) {
        if (asked.has(page)) continue;
        asked.add(page);
        fetchPage(page * PAGE_SIZE, PAGE_SIZE)
          .then((result) => {
            setError(null);
            setCache((previous) =>
              previous.key === queryKey
                ? {
                    key: queryKey,
                    pages: new Map(previous.pages).set(page, result.rows),
                    total: result.total,
                  }
                : previous,
            );
          })
          .catch((reason: unknown) => {
            asked.delete(page);
            setError(errorMessage(reason));
          });
      }
    },
    [queryKey, fetchPage],
  );

  const rowAt = useCallback(
    (index: number) => current.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [current],
  );
  return { total: current.total, rowAt, ensureRange, version: current.pages.size, error };
}
