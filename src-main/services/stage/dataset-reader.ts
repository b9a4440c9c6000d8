import type { Statement } from 'better-sqlite3';
import type { DatasetRow } from '../../../src-shared/model/dataset';
import { parseCsvBytes } from '../read/csv/parse-csv-bytes';
import { openDatasetFile, type DatasetFile } from './dataset-file';
import { readDatasetMeta, type DatasetMeta } from './dataset-meta';
import { rowNumberer } from './row-numbers';

interface Chunk {
  firstRow: number;
  rows: string[][];
}

/** Parsed chunks kept in memory: a scrolling grid touches the same few again and again. */
const CACHED_CHUNKS = 64;

/** Reads a staged dataset's rows back: by window, by index list, or all in order. */
export class DatasetReader {
  readonly meta: DatasetMeta;
  /** Data row index → the row number the source shows (see row-numbers.ts). */
  readonly rowNumberOf: (index: number) => number;
  private readonly file: DatasetFile;
  private readonly chunkAt: Statement;
  private readonly cache = new Map<number, Chunk>();

  constructor(path: string, nativeBinding?: string) {
    this.file = openDatasetFile(path, nativeBinding);
    this.meta = readDatasetMeta(this.file.db);
    this.rowNumberOf = rowNumberer(this.meta);
    this.chunkAt = this.file.db.prepare(
      'SELECT first_row AS firstRow, data FROM chunks WHERE first_row <= ? ORDER BY first_row DESC LIMIT 1',
    );
  }

  /**
   * The data row index that has `rowNumber` as the source shows it, or -1. Numbering breaks only
   * at the kept gaps, so each stretch between them is one subtraction away.
   */
  indexOfRowNumber(rowNumber: number): number {
    const gaps = this.meta.rowGaps ?? [];
    const extras = [0, ...gaps.map(([, extra]) => extra)];
    for (const extra of extras) {
      const index = rowNumber - this.meta.firstRowNumber - extra;
      if (index >= 0 && index < this.meta.rowCount && this.rowNumberOf(index) === rowNumber) return index;
    }
    return -1;
  }

  /** Rows [offset, offset + limit) in file order. */
  window(offset: number, limit: number): DatasetRow[] {
    const end = Math.min(offset + limit, this.meta.rowCount);
    const rows: DatasetRow[] = [];
    for (let index = offset; index < end;) {
      const chunk = this.chunkContaining(index);
      const stop = Math.min(end, chunk.firstRow + chunk.rows.length);
      for (; index < stop; index++) rows.push(this.toRow(index, chunk.rows[index - chunk.firstRow]!));
    }
    return rows;
  }

  /** The rows at the given data-row indexes, in the given order (a sorted or filtered view's page). */
  rowsAt(indexes: ArrayLike<number>): DatasetRow[] {
    const rows: DatasetRow[] = [];
    for (let i = 0; i < indexes.length; i++) {
      const index = indexes[i]!;
      const chunk = this.chunkContaining(index);
      rows.push(this.toRow(index, chunk.rows[index - chunk.firstRow]!));
    }
    return rows;
  }

  /** Every row in order, a chunk at a time (for views and validation in workers). */
  *all(): Generator<{ index: number; cells: string[] }> {
    const statement = this.file.db.prepare(
      'SELECT first_row AS firstRow, data FROM chunks ORDER BY first_row',
    );
    for (const chunk of statement.iterate() as Iterable<{ firstRow: number; data: Buffer }>) {
      const rows = this.parse(chunk.data);
      for (let i = 0; i < rows.length; i++) yield { index: chunk.firstRow + i, cells: rows[i]! };
    }
  }

  /**
   * The data-row indexes of the rows whose field count differs from the header's (CSV only), in
   * file order; empty when every row fits or the dataset was staged before they were kept.
   */
  raggedIndexes(): Uint32Array {
    const exists = this.file.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ragged_index'")
      .get();
    if (!exists) return new Uint32Array(0);
    const blob = this.file.db.prepare('SELECT rows FROM ragged_index WHERE id = 1').pluck().get() as
      Buffer | undefined;
    if (!blob) return new Uint32Array(0);
    return new Uint32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
  }

  close(): void {
    this.file.close();
  }

  private toRow(index: number, cells: string[]): DatasetRow {
    return { rowNumber: this.rowNumberOf(index), cells };
  }

  private chunkContaining(index: number): Chunk {
    for (const chunk of this.cache.values()) {
      if (index >= chunk.firstRow && index < chunk.firstRow + chunk.rows.length) return chunk;
    }
    const stored = this.chunkAt.get(index) as { firstRow: number; data: Buffer } | undefined;
    if (!stored)
      throw new RangeError(`Row index ${index} is outside the dataset (${this.meta.rowCount} rows).`);
    const chunk = { firstRow: stored.firstRow, rows: this.parse(stored.data) };
    if (this.cache.size >= CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(chunk.firstRow, chunk);
    return chunk;
  }

  private parse(data: Uint8Array): string[][] {
    const rows = parseCsvBytes(data, this.meta.encoding, this.meta.delimiter, {
      loneCr: this.meta.loneCr === true,
      quote: this.meta.quote ?? '"',
      lenientQuotes: this.meta.lenientQuotes ?? true,
    });
    if (this.meta.padShortRows) {
      const width = this.meta.columns.length;
      for (const row of rows) while (row.length < width) row.push('');
    }
    return rows;
  }
}
