import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { addWorkspaceQuery } from '../../stores/drafts.store';

interface Props {
  open: boolean;
  onClose(): void;
}

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
export function QueryDialog({ open, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await addWorkspaceQuery(query);
      setQuery('');
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Workspace query" open={open} onClose={onClose}>
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
      {error && (
        <p className="form-error" role="alert" data-testid="query-error">
          {error}
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={query.trim() === '' || busy}
        onClick={() => void submit()}
      >
        Preview
      </button>
    </Dialog>
  );
}
