import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

// A workspace's data as a digest per table, to tell whether two workspaces hold exactly the same rows
// (a re-run after a crash against an uninterrupted run) without holding 300,000 rows in memory twice.

/** Bookkeeping of one run, not data: a run's own commit record and the schema's history. */
const SKIPPED_TABLES = new Set(['schema_version', 'run_commits']);

/**
 * Columns that say when or by which run a row was written rather than what it holds (they differ
 * between any two runs of one file): `*_at`, `*_at_us`, `linked_us`, `dedup_until_us` (the processing
 * time plus the dedup window), `processed_us`, `run_id`, `run_number`, `import_id`. Times that come from the data (`timestamp_us`, a span's
 * `first_us`/`last_us`, `cursor_us`) are kept.
 */
const PROCESSING_COLUMN =
  /_at$|_at_us$|^linked_us$|^dedup_until_us$|^processed_us$|^run_id$|^run_number$|^import_id$/;

/** A table's row count and the SHA-256 of its rows. */
export interface TableDigest {
  rows: number;
  sha256: string;
}

/** Every data table of the workspace database: its row count and a digest of its rows in a stable order. */
export function snapshot(db: Database): Record<string, TableDigest> {
  const digests: Record<string, TableDigest> = {};
  for (const table of dataTables(db)) {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of orderedRows(db, table)) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      rows++;
    }
    digests[table] = { rows, sha256: hash.digest('hex') };
  }
  return digests;
}

/** The first row where two workspaces' copies of a table differ, for a failure message (null: none). */
export function firstDifference(a: Database, b: Database, table: string): string | null {
  const left = orderedRows(a, table);
  const right = orderedRows(b, table);
  for (let index = 0; ; index++) {
    const x = left.next();
    const y = right.next();
    if (x.done && y.done) return null;
    const [one, two] = [JSON.stringify(x.value ?? null), JSON.stringify(y.value ?? null)];
    if (one !== two) {
      left.return?.(undefined);
      right.return?.(undefined);
      return `${table} row ${index + 1}: ${one} ≠ ${two}`;
    }
  }
}

/** The workspace database's tables, without SQLite's own and the per-run bookkeeping. */
function dataTables(db: Database): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
  ).filter((table) => !SKIPPED_TABLES.has(table));
}

function orderedRows(db: Database, table: string): IterableIterator<unknown[]> {
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[])
    .filter((name) => !PROCESSING_COLUMN.test(name))
    .map((name) => `"${name}"`)
    .join(', ');
  // A table of bookkeeping only (expiring_imports: import_id, expires_at) still has its row count.
  const sql = columns
    ? `SELECT ${columns} FROM main."${table}" ORDER BY ${columns}`
    : `SELECT 1 FROM main."${table}"`;
  return db.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>;
}
