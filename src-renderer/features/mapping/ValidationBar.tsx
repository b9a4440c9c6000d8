import { useState } from 'react';
import type { DraftValidation } from '../../stores/validation.store';
import { formatCount } from '../../components/format';

interface Props {
  validation: DraftValidation | undefined;
  staged: boolean;
  problemsOnly: boolean;
  onProblemsOnly(on: boolean): void;
}

/** "998,412 rows will import, 1,588 will be rejected (see why)", over every row of the dataset. */
export function ValidationBar({ validation, staged, problemsOnly, onProblemsOnly }: Props) {
  const [open, setOpen] = useState(false);
  const summary = validation?.summary;
  if (!staged) return <p className="validation-bar muted">Validation runs once every row is loaded.</p>;
  return (
    <div className="validation-bar" data-testid="validation-bar" data-running={validation?.running ?? false}>
      {summary ? (
        <span data-testid="validation-summary">
          <strong className="validation-bar__ok">{formatCount(summary.importRows)}</strong> rows will import
          {summary.rejectedRows > 0 ? (
            <>
              , <strong className="validation-bar__rejected">{formatCount(summary.rejectedRows)}</strong> will
              be rejected{' '}
              <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
                {open ? 'hide why' : 'see why'}
              </button>
            </>
          ) : (
            ', none rejected'
          )}
          {summary.duplicateRows > 0 && (
            <span data-testid="duplicate-rows">
              , {formatCount(summary.duplicateRows)} duplicate{summary.duplicateRows === 1 ? '' : 's'} removed
            </span>
          )}
        </span>
      ) : (
        <span className="muted">Validating every row…</span>
      )}
      {validation?.running && summary && <span className="muted"> · re-validating…</span>}
      {summary && (
        <span
          className="muted validation-bar__timing"
          title={`${summary.checkedColumns} columns checked, ${summary.reusedColumns} reused`}
        >
          {formatCount(summary.rowCount)} rows checked in {formatCount(summary.elapsedMs)} ms
        </span>
      )}
      <label className="validation-bar__filter">
        <input
          type="checkbox"
          checked={problemsOnly}
          disabled={!summary}
          onChange={(event) => onProblemsOnly(event.target.checked)}
        />
        Rows with problems only{summary ? ` (${formatCount(summary.problemRows)})` : ''}
      </label>
      {validation?.error && (
        <p className="form-error" role="alert">
          {validation.error}
        </p>
      )}
      {open && summary && (
        <ul className="validation-bar__reasons" data-testid="rejection-reasons">
          {summary.reasons.map((reason) => (
            <li key={reason.reason}>
              <strong>{formatCount(reason.count)}</strong> {reason.reason}{' '}
              <span className="muted">
                (rows {reason.rowNumbers.join(', ')}
                {reason.count > reason.rowNumbers.length ? ', …' : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
