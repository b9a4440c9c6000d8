import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { Pager } from '../browse/Pager';
import { usePagedQuery } from '../browse/use-paged-query';
import { downloadText } from '../../components/download-text';

/** A run's rejected rows, a page at a time, with the whole list as a CSV download. */
export function RejectsTable({ runId, total }: { runId: string; total: number }) {
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const query = usePagedQuery(runId, (offset, limit) => call('runs:rejects', { runId, offset, limit }));
  const download = async () => {
    try {
      // In parts (see runs:rejectsCsv), gathered into one file: a run may reject a million rows.
      let part = await call('runs:rejectsCsv', { runId });
      const parts = [part.csv];
      while (part.lastRow !== null) {
        part = await call('runs:rejectsCsv', { runId, afterRow: part.lastRow });
        parts.push(part.csv);
      }
      downloadText(part.fileName, parts);
    } catch (failure) {
      setDownloadError(errorMessage(failure));
    }
  };
  if (total === 0) return <p className="muted">No rows were rejected.</p>;
  const error = downloadError ?? query.error;
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
          {query.data?.items.map((reject) => (
            <tr key={reject.row} data-testid="reject-row">
              <td>{reject.row}</td>
              <td>{reject.column ?? '—'}</td>
              <td className="mono">{reject.value || <span className="muted">empty</span>}</td>
              <td>{reject.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager query={query} noun="rejected rows" />
    </section>
  );
}
