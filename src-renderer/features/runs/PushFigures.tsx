import type { PushSummary } from '../../../src-shared/model/run';
import { formatCount, formatSize } from '../../components/format';

/** A push's figures in the run detail; a dry run's adds what it would send, with an example request. */
export function PushFigures({ push }: { push: PushSummary }) {
  const dry = push.dryRun;
  // The records sent (or that would be) and the requests always show; the rest only when they happened.
  const figures: [label: string, value: number, always: boolean][] = [
    [dry ? 'Would send' : 'Sent', push.sent, true],
    ['Unchanged, not sent', push.skipped, false],
    ['Quarantined', push.quarantined, false],
    [dry ? 'Requests it would make' : 'Requests', push.requests, true],
    ['Retried', push.retried, false],
    ['429s waited', push.waited429, false],
    ['Resumed from an interrupted run', push.resumed, false],
  ];
  return (
    <section aria-label="Push" data-testid="push-figures">
      <h3>{dry ? 'What this push would do' : 'Push'}</h3>
      <dl className="run-counts">
        {figures
          .filter(([, value, always]) => always || value > 0)
          .map(([label, value]) => (
            <div key={label} data-testid={`push-${label.split(' ')[0]!.toLowerCase()}`}>
              <dt>{label}</dt>
              <dd>{formatCount(value)}</dd>
            </div>
          ))}
      </dl>
      {push.lastError && <p className="form-error">Last error: {push.lastError}</p>}
      {push.response && !dry && (
        // "Test a record" sends one record to see what the platform says: open for it.
        <details open={push.requests <= 1}>
          <summary>The platform’s last answer, as received</summary>
          <pre className="mono push-example" data-testid="push-response">
            {readableAnswer(push.response)}
          </pre>
        </details>
      )}
      {dry && (
        <>
          <p data-testid="dry-run-commands">
            {Object.entries(dry.commands)
              .map(([kind, count]) => `${formatCount(count)} ${kind}`)
              .join(' · ') || 'Nothing to send'}{' '}
            in {formatCount(dry.requests)} request{dry.requests === 1 ? '' : 's'} ({formatSize(dry.bytes)})
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

/** "HTTP 200 {…}" with its JSON indented, or the text as it came. */
function readableAnswer(response: string): string {
  const match = /^(HTTP \d+) ([\s\S]*)$/.exec(response);
  if (!match) return response;
  try {
    return `${match[1]}\n${JSON.stringify(JSON.parse(match[2]!), null, 2)}`;
  } catch {
    return response;
  }
}
