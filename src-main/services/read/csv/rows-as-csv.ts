import { Readable } from 'node:stream';
import { encodeCsvRecord } from './encode-csv-record';
import type { SourceBytes, SourceRows } from '../../sources/connectors/connector';

/** Rows encoded per piece of the stream: one staging chunk's worth. */
const ROWS_PER_PIECE = 512;

/**
 * A row source's rows as UTF-8 CSV (RFC 4180, comma, header row of the column names), so rows
 * flow through the same preview and staging as bytes — and staging stores CSV chunks anyway.
 */
export function rowsAsCsv(rows: SourceRows): SourceBytes & { rowsRead(): number } {
  let bytesRead = 0;
  let rowsRead = 0;
  async function* pieces(): AsyncGenerator<Buffer> {
    try {
      let lines: string[] = [encodeCsvRecord(rows.columns.map((column) => column.name))];
      for await (const row of rows.rows) {
        lines.push(encodeCsvRecord(row.map(cellText)));
        rowsRead++;
        if (lines.length >= ROWS_PER_PIECE) {
          yield piece(lines);
          lines = [];
        }
      }
      if (lines.length > 0) yield piece(lines);
    } finally {
      rows.close();
    }
  }
  const piece = (lines: string[]) => {
    const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
    bytesRead += bytes.length;
    return bytes;
  };
  return {
    stream: Readable.from(pieces(), { objectMode: false }),
    size: null,
    bytesRead: () => bytesRead,
    rowsRead: () => rowsRead,
  };
}

/** A cell value as text: blank for NULL, numbers as JavaScript writes them, bytes as base64. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return JSON.stringify(value);
}
