import { useEffect, useState } from 'react';
import type { RejectsPage } from '../../../src-shared/model/run';
import { call } from '../../api/client';
import { downloadText } from './download-text';
import { formatCount } from './format';

const PAGE = 50;

/** A run's rejected rows, a page at a time, with the whole list as a CSV download. */
export function RejectsTable({ runId, total }: { runId: string; total: number }) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RejectsPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    call('runs:rejects', { runId, offset, limit: PAGE })
      .then((next) => current && setPage(next))
      .catch((failure: unknown) => current && setError(String(failure)));
    return () => {
      current = false;
    };
  }, [runId, offset]);
  const download = async () => {
    try {
      const { fileName, csv } = await call('runs:rejectsCsv', { runId });
      downloadText(fileName, csv);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  if (total === 0) return <p className="muted">No rows were rejected.</p>;
  return (
    <section className="rejects" aria-label="Rejected rows">
      <header className="rejects__header">
        <h3>Rejected rows</h3>
        <button type="button" onClick={() => void download()} data-testid="download-rejects">
          Download CSV
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <table className="plain-table">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {page?.rejects.map((reject) => (
            <tr key={reject.row} data-testid="reject-row">
              <td>{reject.row}</td>
              <td>{reject.column ?? '—'}</td>
              <td className="mono">{reject.value}</td>
              <td>{reject.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="pager">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <span className="muted">
          {formatCount(offset + 1)}–{formatCount(Math.min(offset + PAGE, total))} of {formatCount(total)}
        </span>
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </button>
      </footer>
    </section>
  );
}
