import type { Database, Statement } from 'better-sqlite3';

/**
 * Statement sizes are multiples of this many rows, and fewer rows are written one statement each:
 * a multi-row statement pays off only when it is large (1M events with their customers: 16-row
 * statements 8.0 s, 64-row 6.2 s, 500-row 5.5 s, row by row 7.8 s).
 */
const STEP_ROWS = 32;
/** Most rows in one statement: 32 sizes at most, all kept prepared (a 500-row one takes 0.5 ms to prepare). */
const MAX_ROWS = 1024;
/** SQLite's limit on a statement's parameters (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
const MAX_PARAMETERS = 32_766;

/**
 * Buffers rows for one table and writes them with multi-row INSERT … VALUES (…), (…) statements.
 * A statement's start and each crossing from JavaScript into SQLite cost about as much as the
 * insert itself. A flush writes its rows in statements of a multiple of STEP_ROWS rows (500 rows:
 * one of 480, then 20 one by one). Rows reach the table in the order they were added, at flush().
 * A failing row fails its statement; the rows of statements before it stay written, so callers
 * flush inside a transaction (a run's) that a failure rolls back whole.
 */
export class MultiRowInsert {
  private readonly width: number;
  private readonly maxRows: number;
  private readonly statements = new Map<number, Statement<unknown[]>>();
  /** Kept across flushes, so it does not grow again from nothing for every batch. */
  private readonly values: unknown[] = [];

  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.width = columns.length;
    const fit = Math.floor(MAX_PARAMETERS / this.width / STEP_ROWS) * STEP_ROWS;
    this.maxRows = Math.max(1, Math.min(MAX_ROWS, fit));
  }

  /** Rows added and not written yet. */
  get pending(): number {
    return this.values.length / this.width;
  }

  /** Adds one row: a value per column, in the columns' order. */
  add(...row: unknown[]): void {
    if (row.length !== this.width) {
      throw new Error(`${this.table}: a row needs ${this.width} values, got ${row.length}`);
    }
    for (const value of row) this.values.push(value);
  }

  /** Writes the rows added so far. */
  flush(): void {
    const values = this.values;
    try {
      let offset = 0;
      for (;;) {
        const left = (values.length - offset) / this.width;
        const rows =
          left >= STEP_ROWS ? Math.min(this.maxRows, left - (left % STEP_ROWS)) : Math.min(left, 1);
        if (rows === 0) return;
        const end = offset + rows * this.width;
        this.statementOf(rows).run(
          offset === 0 && end === values.length ? values : values.slice(offset, end),
        );
        offset = end;
      }
    } finally {
      // A failed flush drops its rows too, as callers roll the transaction back.
      values.length = 0;
    }
  }

  private statementOf(rows: number): Statement<unknown[]> {
    let statement = this.statements.get(rows);
    if (!statement) {
      const row = `(${this.columns.map(() => '?').join(', ')})`;
      statement = this.db.prepare<unknown[]>(
        `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`,
      );
      this.statements.set(rows, statement);
    }
    return statement;
  }
}
