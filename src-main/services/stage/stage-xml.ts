import { IntakeError } from '../../../src-shared/errors';
import { LIMITS } from '../../../src-shared/limits';
import { encodeCsvRecord } from '../read/csv/encode-csv-record';
import { textStream } from '../read/source-byte-stream';
import type { JobHooks } from '../jobs/job';
import type { SourceBytes, SourceParts } from '../sources/connectors/connector';
import { createXmlRecordReader } from '../read/xml/read-records';
import type { ChunkWriter } from './chunk-writer';
import { RECORDS_PER_CHUNK } from './chunk-writer';
import { stagedParts } from './source-parts';
import type { StagedFile, StageOutcome, StageProgress, StageTask } from './stage-task';

/**
 * Stages an XML source: streams its text through the record reader and stores the flattened
 * records as comma-separated UTF-8 chunks, so every dataset reads the same way. Columns first
 * seen after the preview are appended and reported. Several files (storage) are read in turn,
 * each a document of its own.
 */
export async function stageXml(
  task: StageTask,
  source: SourceBytes | SourceParts,
  writer: ChunkWriter,
  hooks: JobHooks<StageProgress>,
): Promise<StageOutcome> {
  if (!task.xmlRecordPath) throw new Error('An XML staging task needs its record path.');
  const columns = [...task.columns];
  const indexOf = new Map(columns.map((name, index) => [name, index]));
  const lateColumns: string[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    writer.writeChunk(Buffer.from(pending.join('\n') + '\n', 'utf8'), pending.length);
    pending = [];
  };
  const onRecord = (record: Map<string, string>) => {
    const cells: string[] = new Array<string>(columns.length).fill('');
    for (const [name, value] of record) {
      let index = indexOf.get(name);
      if (index === undefined) {
        // The reader bounds one record; records that each add new names must not widen the dataset past it.
        if (columns.length >= LIMITS.sourceColumns)
          throw tooManyColumns(writer.rowCount + pending.length + 1, name);
        index = columns.length;
        columns.push(name);
        indexOf.set(name, index);
        lateColumns.push(name);
      }
      cells[index] = value;
    }
    pending.push(encodeCsvRecord(cells));
    if (pending.length === RECORDS_PER_CHUNK) flush();
  };

  const { parts, bytesRead } = stagedParts(source);
  const files: StagedFile[] = [];
  for await (const part of parts) {
    const firstRow = writer.rowCount + pending.length;
    const reader = createXmlRecordReader({ recordPath: task.xmlRecordPath }, onRecord);
    const stream = textStream(part.bytes.stream, task.dialect.encoding);
    for await (const text of stream as AsyncIterable<string>) {
      hooks.checkpoint();
      writer.batch(() => reader.write(text));
      hooks.progress({ bytesRead: bytesRead(), rowCount: writer.rowCount });
    }
    writer.batch(() => reader.end());
    if (part.file) files.push({ ...part.file, firstRow, rows: writer.rowCount + pending.length - firstRow });
  }
  writer.batch(flush);
  hooks.progress({ bytesRead: bytesRead(), rowCount: writer.rowCount });
  return {
    rowCount: writer.rowCount,
    files,
    bytesRead: bytesRead(),
    raggedCount: 0,
    storedEncoding: 'utf-8',
    storedDelimiter: ',',
    columns,
    lateColumns,
  };
}

function tooManyColumns(recordNumber: number, name: string): IntakeError {
  return new IntakeError(
    'LIMIT',
    `XML record ${recordNumber} brings a new column "${name}" when the dataset already has ` +
      `${LIMITS.sourceColumns.toLocaleString('en')} columns, the most Intake reads`,
    { record: recordNumber, column: name, columns: LIMITS.sourceColumns + 1, limit: LIMITS.sourceColumns },
  );
}
