import type { IngestIssue } from '../../../src-shared/model/ingest-issue';

/** What the reader and detector noticed: ragged rows, duplicate headers, limits, ambiguous types. */
export function IssuesPanel({ issues }: { issues: IngestIssue[] }) {
  if (issues.length === 0) {
    return (
      <p className="issues issues--none" data-testid="issues-panel">
        No problems found in the data read so far.
      </p>
    );
  }
  return (
    <section className="issues" aria-label="Issues" data-testid="issues-panel">
      <h2>
        {issues.length} thing{issues.length > 1 ? 's' : ''} to check
      </h2>
      <ul>
        {issues.map((issue, index) => (
          <li key={index} className={`issue issue--${issue.severity}`} data-code={issue.code}>
            {issue.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
