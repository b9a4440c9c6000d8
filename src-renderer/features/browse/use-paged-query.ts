import { useState } from 'react';
import type { Page } from '../../../src-shared/model/browse';
import { useQuery, type QueryState } from './use-query';

/** Rows per page in every browser grid. */
export const PAGE_LIMIT = 50;

/** A paged browser query: the shown page plus Previous/Next. */
export interface PagedQuery<T> extends QueryState<Page<T>> {
  hasPrevious: boolean;
  hasNext: boolean;
  previous(): void;
  next(): void;
}

/**
 * One page at a time of a host-side list (big data never crosses whole). A new `key` (another
 * search text or selection) starts again at the first page.
 */
export function usePagedQuery<T>(
  key: string,
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
): PagedQuery<T> {
  const [position, setPosition] = useState({ key, offset: 0 });
  const offset = position.key === key ? position.offset : 0;
  const query = useQuery(`${key}\u0000${offset}`, () => fetchPage(offset, PAGE_LIMIT));
  const total = query.data?.total ?? 0;
  return {
    ...query,
    hasPrevious: offset > 0,
    hasNext: offset + PAGE_LIMIT < total,
    previous: () => setPosition({ key, offset: Math.max(0, offset - PAGE_LIMIT) }),
    next: () => setPosition({ key, offset: offset + PAGE_LIMIT }),
  };
}
