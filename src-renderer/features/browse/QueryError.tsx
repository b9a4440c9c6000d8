import { refreshBrowse } from '../../stores/browse.store';

/** A failed browser request, shown where its data would be, with a way to ask again. */
export function QueryError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="browse-error" role="alert">
      {message}{' '}
      <button type="button" className="browse-link" onClick={refreshBrowse}>
        Try again
      </button>
    </p>
  );
}
