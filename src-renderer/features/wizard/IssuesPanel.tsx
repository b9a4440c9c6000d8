import type { IngestIssue, IngestIssueCode } from '../../../src-shared/model/ingest-issue';

/** Issues whose rows are best understood by looking at the file's own text (a stray quote, a row cut wrong). */
const RAW_LOOK: ReadonlySet<IngestIssueCode> = new Set(['stray-quotes', 'ragged-rows']);

interface Props {
  issues: IngestIssue[];
  /** Shows a row's raw lines (CSV sources); offered on issues that name rows. */
  onShowRow?: ((row: number) => void) | undefined;
}

/** What the reader and detector noticed: ragged rows, duplicate headers, limits, ambiguous types. */
export function IssuesPanel({ issues, onShowRow }: Props) {
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
        {issues.map((issue, index) => {
          const row = issue.rows?.[0];
          return (
            <li key={index} className={`issue issue--${issue.severity}`} data-code={issue.code}>
              {issue.message}
              {onShowRow && row !== undefined && RAW_LOOK.has(issue.code) && (
                <button type="button" className="issue__show-row" onClick={() => onShowRow(row)}>
                  Show row {row} as text
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
