import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ByteRecordScanner,
  type ByteRecordScannerOptions,
} from '../../../../src-main/services/read/csv/byte-record-scanner';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';
import { decodeBytes } from '../../../../src-main/services/read/decode';
import type { Encoding } from '../../../../src-shared/model/dialect';

/** The folder of real-world CSV files these tests read (each listed in its README.md). */
export const REAL_WORLD = join(import.meta.dirname, '../../../fixtures/real-world-csv');

/** A fixture's bytes. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(REAL_WORLD, name));
}

/** A fixture decoded as the preview decodes it. */
export function fixtureText(name: string, encoding: Encoding = 'utf-8'): string {
  return decodeBytes(fixtureBytes(name), encoding);
}

/**
 * The rows staging would store and read back: the byte scanner cuts records from pieces of
 * `step` bytes (a record left open waits for the next piece, as in stage-csv), records are
 * grouped `perChunk` to a chunk, and each chunk is parsed on its own as the dataset reader does.
 * Also returns the field count the scanner gave each record, which decides "ragged" rows. The
 * scanner's options go to the chunk parser too, as they must in the app.
 */
export function stageAndReadBack(
  bytes: Uint8Array,
  options: {
    delimiter: string;
    encoding?: Encoding;
    step: number;
    perChunk?: number;
    scanner?: ByteRecordScannerOptions;
  },
): { rows: string[][]; fieldCounts: number[] } {
  const encoding = options.encoding ?? 'utf-8';
  const scanner = new ByteRecordScanner(options.delimiter.charCodeAt(0), options.scanner ?? {});
  const perChunk = options.perChunk ?? 2;
  const chunks: Uint8Array[] = [];
  const fieldCounts: number[] = [];
  let carry: Uint8Array = new Uint8Array(0);
  for (let at = 0; at < bytes.length || at === 0; at += options.step) {
    const piece = Buffer.concat([carry, bytes.subarray(at, at + options.step)]);
    const final = at + options.step >= bytes.length;
    let chunkStart = 0;
    let count = 0;
    const consumed = scanner.scan(piece, final, (end, fields) => {
      fieldCounts.push(fields);
      count += 1;
      if (count === perChunk) {
        chunks.push(piece.subarray(chunkStart, end));
        chunkStart = end;
        count = 0;
      }
    });
    if (count > 0) chunks.push(piece.subarray(chunkStart, consumed));
    carry = piece.subarray(consumed);
    if (final) break;
  }
  const rows = chunks.flatMap((chunk) =>
    parseCsvText(decodeBytes(chunk, encoding), options.delimiter, options.scanner ?? {}),
  );
  return { rows, fieldCounts };
}
