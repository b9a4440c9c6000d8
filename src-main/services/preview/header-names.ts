import type { IngestIssue } from '../../../src-shared/model/ingest-issue';

/**
 * Column names from a header row: blank names become `column_N` (N = 1-based position), and
 * duplicates are kept but reported, since a platform would merge them into one attribute.
 */
export function headerNames(
  cells: readonly string[],
  width: number,
): { names: string[]; issues: IngestIssue[] } {
  const names: string[] = [];
  const blank: string[] = [];
  for (let i = 0; i < width; i++) {
    const name = (cells[i] ?? '').trim();
    if (name === '') {
      names.push(`column_${i + 1}`);
      blank.push(`column_${i + 1}`);
    } else names.push(name);
  }
  const issues: IngestIssue[] = [];
  if (blank.length > 0) {
    issues.push({
      code: 'empty-headers',
      severity: 'info',
      message: `${blank.length} column${blank.length > 1 ? 's have' : ' has'} no header name and ${blank.length > 1 ? 'were' : 'was'} named ${blank.join(', ')}.`,
      columns: blank,
    });
  }
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1);
  const duplicates = [...seen].filter(([, count]) => count > 1).map(([name]) => name);
  if (duplicates.length > 0) {
    issues.push({
      code: 'duplicate-headers',
      severity: 'warning',
      message: `Duplicate header names: ${duplicates.map((d) => `"${d}" ×${seen.get(d)}`).join(', ')}. They would be imported into one attribute; rename them in the mapping step.`,
      columns: duplicates,
    });
  }
  return { names, issues };
}

/** Names for a source without a header row: column_1 … column_N. */
export function generatedNames(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `column_${i + 1}`);
}

/**
 * One header row from a header spread over several (a group row above the names, units below
 * them): each column's parts joined with a space. A blank cell of an upper row takes the name to
 * its left, since spreadsheets export a merged group label in its first cell only.
 */
export function joinHeaderRows(rows: readonly (readonly string[])[], width: number): string[] {
  const parts = rows.map((row, level) => {
    const carried: string[] = [];
    let left = '';
    for (let i = 0; i < width; i++) {
      const cell = (row[i] ?? '').trim();
      if (cell !== '') left = cell;
      // The last row holds the names themselves: a blank there stays blank.
      carried.push(cell !== '' || level === rows.length - 1 ? cell : left);
    }
    return carried;
  });
  return Array.from({ length: width }, (_, i) =>
    parts
      .map((row) => row[i]!)
      .filter((part, at, all) => part !== '' && part !== all[at - 1])
      .join(' '),
  );
}
