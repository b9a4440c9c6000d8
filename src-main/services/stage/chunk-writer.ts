import type { Database, Statement } from 'better-sqlite3';

/** Most records per stored chunk: small enough that a sorted page touching 100 chunks stays quick. */
export const RECORDS_PER_CHUNK = 512;
/** Rows whose field count is wrong are kept up to this many; beyond it only the count grows. */
export const MAX_RAGGED_KEPT = 10_000;

/** Writes a dataset's chunks and ragged-row notes, numbering data rows from 0. */
export class ChunkWriter {
  private readonly insertChunk: Statement;
  private readonly insertRagged: Statement;
  /** One transaction wrapper for every batch (better-sqlite3 builds a new one per `transaction()` call). */
  private readonly inTransaction: (work: () => void) => void;
  private rows = 0;
  private ragged = 0;
  /** Every ragged row's index, for the runs and the validation that reject them (not only the kept ones). */
  private readonly raggedIndexes: number[] = [];
  /** Where numbering breaks (see row-numbers.ts), and the extra in force since the last break. */
  private readonly gaps: [number, number][] = [];
  private extra = 0;

  constructor(
    private readonly db: Database,
    /** Spreadsheet row number of data row 0 (2 when row 1 is the header). */
    private readonly firstRowNumber: number,
  ) {
    this.insertChunk = db.prepare('INSERT INTO chunks (first_row, row_count, data) VALUES (?, ?, ?)');
    this.insertRagged = db.prepare('INSERT INTO ragged_rows (row_number, field_count) VALUES (?, ?)');
    this.inTransaction = db.transaction((work: () => void) => work());
  }

  /** Data rows written so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** Rows with a wrong field count so far. */
  get raggedCount(): number {
    return this.ragged;
  }

  /** Stores `count` consecutive records held in `data` (raw bytes of the dataset's encoding). */
  writeChunk(data: Uint8Array, count: number): void {
    if (count === 0) return;
    this.insertChunk.run(this.rows, count, data);
    this.rows += count;
  }

  /** Notes that data row `rowIndex` (0-based) has `fieldCount` fields instead of the header's count. */
  noteRagged(rowIndex: number, fieldCount: number): void {
    this.ragged += 1;
    this.raggedIndexes.push(rowIndex);
    if (this.ragged <= MAX_RAGGED_KEPT)
      this.insertRagged.run(rowIndex + this.firstRowNumber + this.extra, fieldCount);
  }

  /**
   * Notes the source's own number of data row `rowIndex` (called in row order, before noteRagged
   * for that row); only where it breaks from counting is anything kept.
   */
  noteRowNumber(rowIndex: number, rowNumber: number): void {
    const extra = rowNumber - this.firstRowNumber - rowIndex;
    if (extra === this.extra) return;
    this.gaps.push([rowIndex, extra]);
    this.extra = extra;
  }

  /** The breaks in numbering noted, for the dataset's meta. */
  get rowGaps(): [number, number][] {
    return this.gaps;
  }

  /**
   * Stores the indexes of every ragged row as one blob of 32-bit integers (4 bytes a row), so the
   * mapping step can count them as rejected without reading the rows again.
   */
  writeRaggedIndexes(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS ragged_index (id INTEGER PRIMARY KEY CHECK (id = 1), rows BLOB NOT NULL) STRICT',
    );
    const rows = Uint32Array.from(this.raggedIndexes);
    this.db
      .prepare('INSERT OR REPLACE INTO ragged_index (id, rows) VALUES (1, ?)')
      .run(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength));
  }

  /** Runs `work` in one transaction: batches of chunks commit together. */
  batch(work: () => void): void {
    this.inTransaction(work);
  }
}
