import type { RunStatus } from '../../../src-shared/model/run';
import { formatCount } from '../../components/format';

const LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  loading: 'Loading',
  processing: 'Processing',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/**
 * A run's status as a coloured word; a run that succeeded but rejected rows says how many
 * ("Succeeded · 3 rejected"), since "Succeeded" alone hides rows that did not import.
 */
export function RunStatusBadge({ status, rejected = 0 }: { status: RunStatus | null; rejected?: number }) {
  if (!status) return <span className="run-status run-status--none">Never run</span>;
  const withRejects = status === 'succeeded' && rejected > 0;
  return (
    <span
      className={`run-status run-status--${status}${withRejects ? ' run-status--rejects' : ''}`}
      data-testid="run-status"
    >
      {LABELS[status]}
      {withRejects && ` · ${formatCount(rejected)} rejected`}
    </span>
  );
}
