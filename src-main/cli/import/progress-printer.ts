import type { RunProgress } from '../../../src-shared/model/run';

const PRINT_INTERVAL_MS = 1_000;
const count = new Intl.NumberFormat('en-US');

/** Writes a run's progress to stderr about once a second: loading (bytes, rows), then processing. */
export function progressPrinter(
  runId: string,
  write: (line: string) => void,
): (progress: RunProgress) => void {
  let last = 0;
  let lastStatus = '';
  return (progress) => {
    if (progress.runId !== runId) return;
    const now = Date.now();
    if (progress.status === lastStatus && now - last < PRINT_INTERVAL_MS) return;
    last = now;
    lastStatus = progress.status;
    write(`${describe(progress)}\n`);
  };
}

function describe({ status, loading, processing }: RunProgress): string {
  if (status === 'loading') {
    const share = loading.bytesTotal
      ? ` (${Math.floor((100 * loading.bytesRead) / loading.bytesTotal)}%)`
      : '';
    return `loading: ${count.format(loading.rows)} rows${share}`;
  }
  if (status === 'processing') {
    const share = processing.rowsTotal ? ` of ${count.format(processing.rowsTotal)}` : '';
    return processing.pushing
      ? `pushing: ${count.format(processing.rows)}${share} records acknowledged`
      : `processing: ${count.format(processing.rows)}${share} rows`;
  }
  return status;
}
