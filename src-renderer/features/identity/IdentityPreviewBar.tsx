import { useEffect, useState } from 'react';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import { formatCount } from '../../components/format';
import { identityKey, previewIdentities, useIdentityStore } from '../../stores/identity-preview.store';
import { IdentityDetailsDialog } from './IdentityDetailsDialog';

interface Props {
  draftKey: string;
  datasetId: string | null;
  mapping: ImportMapping;
  /** The latest validation: the preview waits for it, so the two passes do not share the pool. */
  summary: ValidationSummary | null;
  validating: boolean;
}

/** Quiet time after the validation settles before the customers are worked out again. */
const SETTLE_MS = 400;

/** Whether the import resolves its rows to customers and has a column to do it with. */
function resolvesCustomers(mapping: ImportMapping): boolean {
  return (
    (mapping.importType === 'customers' || mapping.importType === 'events') &&
    mapping.columns.some((column) => column.role === 'id' && column.idType)
  );
}

/**
 * "1,000 rows → 940 customers (12 already in the workspace, 928 new) · 3 merged through shared IDs ·
 * 1 conflict": what the rows resolve to, worked out over every row once the validation settles, and
 * again only when something that decides a row's customer changes.
 */
export function IdentityPreviewBar({ draftKey, datasetId, mapping, summary, validating }: Props) {
  const state = useIdentityStore((store) => store.byDraft[draftKey]);
  const [open, setOpen] = useState(false);
  const applies = resolvesCustomers(mapping);
  const key = datasetId ? identityKey(datasetId, mapping) : '';
  useEffect(() => {
    if (!applies || !datasetId || !summary || validating || state?.key === key) return;
    const timer = setTimeout(() => void previewIdentities(draftKey, datasetId, mapping), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [applies, datasetId, summary, validating, key, state?.key, draftKey, mapping]);
  if (!applies || !datasetId) return null;
  const preview = state?.key === key ? state.preview : null;
  const { merges, conflicts } = preview ?? { merges: null, conflicts: null };
  return (
    <div className="identity-bar" data-testid="identity-preview" data-running={state?.running ?? false}>
      {preview ? (
        <span data-testid="identity-summary">
          {formatCount(preview.rows)} rows → <strong>{formatCount(preview.customers)}</strong> customer
          {preview.customers === 1 ? '' : 's'} ({formatCount(preview.existingCustomers)} already in the
          workspace, {formatCount(preview.newCustomers)} new)
          {merges!.count > 0 && <> · {formatCount(merges!.count)} joined from rows with different IDs</>}
          {preview.movedIds > 0 && (
            <>
              {' '}
              · {formatCount(preview.movedIds)} ID{preview.movedIds === 1 ? ' moves' : 's move'} to another
              customer
            </>
          )}
          {conflicts!.count > 0 && (
            <>
              {' '}
              ·{' '}
              <strong className="identity-bar__conflicts">
                {formatCount(conflicts!.count)} conflict{conflicts!.count === 1 ? '' : 's'}
              </strong>
            </>
          )}
          {(merges!.count > 0 || conflicts!.count > 0) && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => setOpen(true)}>
                details
              </button>
            </>
          )}
        </span>
      ) : state?.error && state.key === key ? (
        <span className="form-error" role="alert">
          Customers could not be worked out: {state.error}
        </span>
      ) : (
        <span className="muted">Working out the customers of every row…</span>
      )}
      {state?.running && preview && <span className="muted"> · working out again…</span>}
      {open && preview && <IdentityDetailsDialog preview={preview} onClose={() => setOpen(false)} />}
    </div>
  );
}
