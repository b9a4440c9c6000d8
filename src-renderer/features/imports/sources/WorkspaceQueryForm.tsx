import { useState } from 'react';
import { addWorkspaceQuery } from '../../../stores/drafts.store';
import { FormError } from './FormError';
import { useSubmit } from './use-submit';

const EXAMPLE = `SELECT c.id AS customer_id, i.value AS email, COUNT(e.id) AS purchases
FROM customers c
JOIN customer_ids i ON i.customer_id = c.id AND i.id_type = 'email_id'
LEFT JOIN events e ON e.customer_id = c.id AND e.event_type = 'purchase'
GROUP BY c.id`;

/**
 * A read-only SELECT over the workspace's own data as the source of an import (the seed's "data
 * from your analyses"): its rows preview, map and import like a file's. Anything but one SELECT
 * is refused before it runs, and the refusal is shown here.
 */
export function WorkspaceQueryForm({ onDone }: { onDone(): void }) {
  const [query, setQuery] = useState('');
  const { busy, error, submit } = useSubmit(() => {
    setQuery('');
    onDone();
  });
  return (
    <div className="connection-form">
      <p className="muted">
        One SELECT (or WITH … SELECT) over the workspace: customers, customer_ids, customer_attributes,
        events, catalog_items… It runs read-only; its columns and rows become the import&apos;s source.
      </p>
      <textarea
        className="paste-box query-box"
        aria-label="Query"
        placeholder={EXAMPLE}
        spellCheck={false}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        rows={10}
      />
      <FormError error={error} />
      <button
        type="button"
        className="primary"
        disabled={query.trim() === '' || busy}
        onClick={() => void submit(() => addWorkspaceQuery(query))}
      >
        Preview
      </button>
    </div>
  );
}
