import type { IdentityPreview, IdentityRow } from '../../../src-shared/model/identity-preview';
import { Dialog } from '../../components/Dialog';
import { formatCount } from '../../components/format';

interface Props {
  preview: IdentityPreview;
  onClose(): void;
}

function describeRow(row: IdentityRow): string {
  return `row ${row.rowNumber}: ${row.ids.map((id) => `${id.idType} ${id.value}`).join(', ')}`;
}

/** The largest merges (rows joined into one customer through an ID they share) and the conflicts. */
export function IdentityDetailsDialog({ preview, onClose }: Props) {
  const { merges, conflicts } = preview;
  return (
    <Dialog title="Customers of this file" open onClose={onClose}>
      {merges.count > 0 && (
        <section data-testid="identity-merges">
          <h3>
            Largest merges{' '}
            <span className="muted">
              ({formatCount(Math.min(merges.largest.length, merges.count))} of {formatCount(merges.count)})
            </span>
          </h3>
          <p className="muted">
            These rows share an ID, so they become one customer. Soft IDs (cookies, emails) follow the row
            that names them last.
          </p>
          <ol className="identity-list">
            {merges.largest.map((merge) => (
              <li key={merge.rows[0]!.rowNumber} data-testid="identity-merge">
                <strong>
                  {formatCount(merge.rowCount)} rows → one{' '}
                  {merge.existing ? 'customer already in the workspace' : 'new customer'}
                </strong>
                <ul>
                  {merge.rows.map((row) => (
                    <li key={row.rowNumber}>{describeRow(row)}</li>
                  ))}
                  {merge.rowCount > merge.rows.length && <li className="muted">…</li>}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      )}
      {conflicts.count > 0 && (
        <section data-testid="identity-conflicts">
          <h3>
            Conflicts{' '}
            <span className="muted">
              ({formatCount(conflicts.examples.length)} of {formatCount(conflicts.count)})
            </span>
          </h3>
          <p className="muted">
            Two hard IDs that belong to different customers meet in one row: the import rejects these rows.
          </p>
          <ul className="identity-list">
            {conflicts.examples.map((conflict) => (
              <li key={conflict.rowNumber} data-testid="identity-conflict">
                Row {conflict.rowNumber}
                {conflict.column ? `, ${conflict.column}` : ''}: {conflict.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  );
}
