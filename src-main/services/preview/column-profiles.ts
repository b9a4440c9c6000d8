import type { IngestIssue } from '../../../src-shared/model/ingest-issue';
import type { SniffedColumn } from '../../../src-shared/model/preview';
import { inferColumnType } from '../../../src-shared/values/infer-type';

/** Infers each column's type from the sampled rows, turning value warnings into issues that name the column. */
export function profileColumns(
  names: readonly string[],
  rows: readonly string[][],
): { columns: SniffedColumn[]; issues: IngestIssue[] } {
  const issues: IngestIssue[] = [];
  const columns = names.map((name, index) => {
    const profile = inferColumnType(rows.map((row) => row[index] ?? ''));
    for (const warning of profile.warnings) {
      issues.push({
        code: 'type-warning',
        severity: 'warning',
        message: `Column "${name}": ${warning.message}${warning.examples.length > 0 ? ` (e.g. ${warning.examples.map((e) => `"${e}"`).join(', ')})` : ''}`,
        columns: [name],
      });
    }
    return { name, type: profile.type, share: profile.share, examplesNotFitting: profile.examplesNotFitting };
  });
  return { columns, issues };
}
