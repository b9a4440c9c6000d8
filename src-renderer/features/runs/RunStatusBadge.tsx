import type { RunStatus } from '../../../src-shared/model/run';

const LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  loading: 'Loading',
  processing: 'Processing',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A run's status as a coloured word. */
export function RunStatusBadge({ status }: { status: RunStatus | null }) {
  if (!status) return <span className="run-status run-status--none">Never run</span>;
  return (
    <span className={`run-status run-status--${status}`} data-testid="run-status">
      {LABELS[status]}
    </span>
  );
}
