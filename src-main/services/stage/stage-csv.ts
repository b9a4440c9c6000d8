import { endsOnLoneCr } from '../../../src-shared/model/dialect';
import { bomLength } from '../read/decode';
import { ByteRecordScanner } from '../read/csv/byte-record-scanner';
import { LineSkipper } from '../read/csv/skip-lines';
import { scannableStream } from '../read/source-byte-stream';
import type { SourceBytes, SourceParts } from '../sources/connectors/connector';
import type { JobHooks } from '../jobs/job';
import type { ChunkWriter } from './chunk-writer';
import { RECORDS_PER_CHUNK } from './chunk-writer';
import { stagedParts } from './source-parts';
import type { StagedFile, StageOutcome, StageProgress, StageTask } from './stage-task';

/**
 * Stages a delimited source: reads its bytes once, finds record ends with the byte scanner and
 * stores the records as raw chunks, never decoding or splitting fields. Memory stays at one read
 * buffer plus one partial record, whatever the file's size. A source of several files (storage)
 * is staged file after file into the one dataset, each file's header row skipped.
 */
export async function stageCsv(
  task: StageTask,
  source: SourceBytes | SourceParts,
  writer: ChunkWriter,
  hooks: JobHooks<StageProgress>,
): Promise<StageOutcome> {
  const loneCr = endsOnLoneCr(task.dialect.newline);
  // The dataset reader re-reads the stored chunks with the same options (dataset-meta).
  const scanner = new ByteRecordScanner(task.dialect.delimiter.charCodeAt(0), {
    loneCr,
    quote: task.dialect.quote,
    lenientQuotes: task.dialect.lenientQuotes ?? true,
    // Rows are named as a spreadsheet shows them: after the lines skipped before the table.
    firstRow: (task.dialect.skipLines ?? 0) + 1,
  });
  const expectedFields = task.columns.length;
  const { parts, bytesRead } = stagedParts(source);
  const files: StagedFile[] = [];
  let encoding = task.dialect.encoding;
  /** Header rows still to skip in the file being staged. */
  let headerLeft = 0;

  const scan = (bytes: Buffer, final: boolean): number => {
    let chunkStart = 0;
    let count = 0;
    let consumed = 0;
    writer.batch(() => {
      consumed = scanner.scan(bytes, final, (end, fields) => {
        if (headerLeft > 0) {
          headerLeft -= 1;
          chunkStart = end;
          return;
        }
        if (fields !== expectedFields) writer.noteRagged(writer.rowCount + count, fields);
        count += 1;
        if (count === RECORDS_PER_CHUNK) {
          writer.writeChunk(bytes.subarray(chunkStart, end), count);
          chunkStart = end;
          count = 0;
        }
      });
      writer.writeChunk(bytes.subarray(chunkStart, consumed), count);
    });
    return consumed;
  };

  for await (const part of parts) {
    const scannable = scannableStream(part.bytes.stream, task.dialect.encoding);
    encoding = scannable.encoding;
    const firstRow = writer.rowCount;
    headerLeft = task.dialect.hasHeader ? (task.dialect.headerRows ?? 1) : 0;
    // Each file's lines before its table (a `sep=` line, a preamble), as the preview found them.
    const preamble = new LineSkipper(task.dialect.skipLines ?? 0, loneCr);
    let carry: Buffer | null = null;
    let atStart = true;
    for await (const piece of scannable.stream as AsyncIterable<Buffer>) {
      hooks.checkpoint();
      let bytes: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
      if (atStart) {
        bytes = bytes.subarray(bomLength(bytes, encoding));
        atStart = false;
      }
      if (!preamble.done) {
        bytes = bytes.subarray(preamble.skip(bytes));
        if (bytes.length === 0) continue;
      }
      const consumed = scan(bytes, false);
      carry = consumed < bytes.length ? bytes.subarray(consumed) : null;
      hooks.progress({ bytesRead: bytesRead(), rowCount: writer.rowCount });
    }
    if (carry) scan(carry, true);
    if (part.file) files.push({ ...part.file, firstRow, rows: writer.rowCount - firstRow });
  }
  hooks.progress({ bytesRead: bytesRead(), rowCount: writer.rowCount });
  return {
    rowCount: writer.rowCount,
    files,
    bytesRead: bytesRead(),
    raggedCount: writer.raggedCount,
    strayQuoteCount: scanner.strayQuoteCount,
    storedEncoding: encoding,
    storedDelimiter: task.dialect.delimiter,
    columns: task.columns,
    lateColumns: [],
  };
}
