import type { RunProgress } from '../../../src-shared/model/run';
import { formatCount } from '../../components/format';

/**
 * The two stages of a running import: loading (bytes and rows read) and processing (rows written) —
 * for a push, pushing (records the platform acknowledged).
 */
export function RunProgressBars({ progress }: { progress: RunProgress }) {
  const { loading, processing } = progress;
  const loaded =
    progress.status === 'processing' ? 1 : loading.bytesTotal ? loading.bytesRead / loading.bytesTotal : 0;
  const processed = processing.rowsTotal ? processing.rows / processing.rowsTotal : 0;
  return (
    <div className="run-progress" data-testid="run-progress">
      <label>
        <span>Loading</span>
        <progress max={1} value={loaded} aria-label="Loading" />
        <span className="muted">{formatCount(loading.rows)} rows</span>
      </label>
      <label>
        <span>{processing.pushing ? 'Pushing' : 'Processing'}</span>
        <progress max={1} value={processed} aria-label={processing.pushing ? 'Pushing' : 'Processing'} />
        <span className="muted">
          {formatCount(processing.rows)}
          {processing.rowsTotal !== null ? ` of ${formatCount(processing.rowsTotal)}` : ''}{' '}
          {processing.pushing ? 'records acknowledged' : 'rows'}
        </span>
      </label>
    </div>
  );
}
