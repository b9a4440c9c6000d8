import type { PushSummary } from '../../../src-shared/model/run';
import { formatBytes } from '../../../src-shared/limits';
import { formatCount } from '../../components/format';

/** A push's figures in the run detail; a dry run's adds what it would send, with an example request. */
export function PushFigures({ push }: { push: PushSummary }) {
  const dry = push.dryRun;
  const figures: [string, number][] = [
    [dry ? 'Would send' : 'Sent', push.sent],
    ['Unchanged, not sent', push.skipped],
    ['Quarantined', push.quarantined],
    [dry ? 'Requests it would make' : 'Requests', push.requests],
    ['Retried', push.retried],
    ['429s waited', push.waited429],
    ['Resumed from an interrupted run', push.resumed],
  ];
  return (
    <section aria-label="Push" data-testid="push-figures">
      <h3>{dry ? 'What this push would do' : 'Push'}</h3>
      <dl className="run-counts">
        {figures
          .filter(([label, value]) => value > 0 || label.startsWith('Sent') || label.startsWith('Would'))
          .map(([label, value]) => (
            <div key={label} data-testid={`push-${label.split(' ')[0]!.toLowerCase()}`}>
              <dt>{label}</dt>
              <dd>{formatCount(value)}</dd>
            </div>
          ))}
      </dl>
      {push.lastError && <p className="form-error">Last error: {push.lastError}</p>}
      {dry && (
        <>
          <p data-testid="dry-run-commands">
            {Object.entries(dry.commands)
              .map(([kind, count]) => `${formatCount(count)} ${kind}`)
              .join(' · ') || 'Nothing to send'}{' '}
            in {formatCount(dry.requests)} requests ({formatBytes(dry.bytes)})
            {dry.quarantinedToRetry > 0 &&
              `; ${formatCount(dry.quarantinedToRetry)} quarantined records sent again`}
          </p>
          {dry.examples[0] && (
            <details>
              <summary>The first request, exactly as it would be sent</summary>
              <pre className="mono push-example">{JSON.stringify(JSON.parse(dry.examples[0]), null, 2)}</pre>
            </details>
          )}
        </>
      )}
    </section>
  );
}
