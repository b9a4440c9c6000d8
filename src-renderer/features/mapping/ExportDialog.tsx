import { useState } from 'react';
import type { ExportFormat } from '../../../src-shared/model/destination';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { Dialog } from '../../components/Dialog';
import {
  cancelExport,
  downloadExport,
  forgetExport,
  startExport,
  useExportsStore,
} from '../../stores/exports.store';
import { formatCount } from '../../components/format';

interface Props {
  draftKey: string;
  datasetId: string;
  mapping: ImportMapping;
  name: string;
  importId: string | null;
  onClose(): void;
}

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  {
    format: 'csv',
    label: 'CSV',
    hint: 'UTF-8 with a header row; cells that a spreadsheet would run as formulas start with an apostrophe.',
  },
  {
    format: 'ndjson',
    label: 'NDJSON',
    hint: 'One JSON object per line; numbers, booleans, lists and JSON keep their types.',
  },
];

/** "Export cleaned data…": the mapped records of every staged row, as a file instead of an import. */
export function ExportDialog({ draftKey, datasetId, mapping, name, importId, onClose }: Props) {
  const [format, setFormat] = useState<ExportFormat>('csv');
  const current = useExportsStore((state) => state.byDraft[draftKey]);
  const running =
    current !== undefined && ['starting', 'queued', 'loading', 'processing'].includes(current.status);
  const close = () => {
    if (!running) forgetExport(draftKey);
    onClose();
  };
  return (
    <Dialog title="Export cleaned data" open onClose={close}>
      <p className="muted">
        Every staged row, mapped as on screen (types, IDs, static columns), without importing anything. Rows
        the checks reject are left out and listed in the run.
      </p>
      <fieldset className="export-formats" disabled={running}>
        <legend>Format</legend>
        {FORMATS.map((option) => (
          <label key={option.format}>
            <input
              type="radio"
              name="export-format"
              value={option.format}
              checked={format === option.format}
              onChange={() => setFormat(option.format)}
            />
            <strong>{option.label}</strong> <span className="muted">{option.hint}</span>
          </label>
        ))}
      </fieldset>
      {current && <ExportStatus draftKey={draftKey} />}
      <button
        type="button"
        className="primary"
        disabled={running}
        onClick={() => void startExport(draftKey, { datasetId, mapping, format, name, importId })}
      >
        Export
      </button>
    </Dialog>
  );
}

function ExportStatus({ draftKey }: { draftKey: string }) {
  const current = useExportsStore((state) => state.byDraft[draftKey])!;
  if (current.status === 'succeeded') {
    return (
      <p className="staging--done" role="status" data-testid="export-status" data-status="succeeded">
        Exported {formatCount(current.rows)} rows to {current.fileName}.{' '}
        {current.download && current.runId && (
          <button
            type="button"
            className="link"
            onClick={() => downloadExport(current.runId!, current.fileName)}
          >
            Download again
          </button>
        )}
      </p>
    );
  }
  if (current.status === 'failed' || current.status === 'cancelled') {
    return (
      <p className="form-error" role="alert" data-testid="export-status" data-status={current.status}>
        {current.error ?? `The export was ${current.status}.`}
      </p>
    );
  }
  return (
    <div className="staging" data-testid="export-status" data-status={current.status}>
      <progress
        max={1}
        value={current.rowsTotal ? current.rows / current.rowsTotal : undefined}
        aria-label="Exporting"
      />
      <span>
        Exporting… {formatCount(current.rows)}
        {current.rowsTotal !== null ? ` of ${formatCount(current.rowsTotal)}` : ''} rows
      </span>
      <button type="button" onClick={() => void cancelExport(draftKey)}>
        Cancel
      </button>
    </div>
  );
}
