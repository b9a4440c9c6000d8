import { formatRange } from '../../components/format';
import type { PagedQuery } from './use-paged-query';

interface Props<T> {
  query: PagedQuery<T>;
  /** What the pages hold, for the buttons' names ("Next page of customers"). */
  noun: string;
}

/** Previous/Next under a paged grid, with "1–50 of 12,345". */
export function Pager<T>({ query, noun }: Props<T>) {
  const page = query.data;
  return (
    <nav className="browse-pager" aria-label={`Pages of ${noun}`}>
      <button
        type="button"
        onClick={query.previous}
        disabled={!query.hasPrevious}
        aria-label={`Previous page of ${noun}`}
        data-testid="pager-previous"
      >
        Previous
      </button>
      <span className="browse-pager__range" aria-live="polite" data-testid="pager-range">
        {page ? formatRange(page.offset, page.items.length, page.total) : 'Loading…'}
      </span>
      <button
        type="button"
        onClick={query.next}
        disabled={!query.hasNext}
        aria-label={`Next page of ${noun}`}
        data-testid="pager-next"
      >
        Next
      </button>
    </nav>
  );
}
