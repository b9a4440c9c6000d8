import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { JobHooks } from '../jobs/job';
import { CsvSheetWriter } from '../read/xlsx/csv-sheet-writer';
import { cellContext, openWorkbook } from '../read/xlsx/open-workbook';
import { workbookLabel } from '../read/xlsx/workbook-label';
import type { SourceBytes, SourceParts } from '../sources/connectors/connector';
import type { ChunkWriter } from './chunk-writer';
import { RECORDS_PER_CHUNK } from './chunk-writer';
import { stagedParts } from './source-parts';
import type { StagedFile, StageOutcome, StageProgress, StageTask } from './stage-task';

/**
 * Stages one sheet of an Excel workbook (or of each workbook a storage source reads) as
 * comma-separated UTF-8 chunks, like every dataset. A workbook on disk is read where it is; one
 * from a connection is written to a temporary file beside the dataset first (a ZIP is read from its
 * directory at the end) and removed after. The shared strings are loaded first, whatever their
 * place in the package; the sheet then streams through, one cell at a time.
 */
export async function stageXlsx(
  task: StageTask,
  source: SourceBytes | SourceParts,
  writer: ChunkWriter,
  hooks: JobHooks<StageProgress>,
): Promise<StageOutcome> {
  const { parts, bytesRead } = stagedParts(source);
  const files: StagedFile[] = [];
  let raggedCount = 0;
  for await (const part of parts) {
    const local = localPath(task);
    const spooled = local ? null : `${task.datasetPath}.workbook-${files.length}.xlsx`;
    const label = part.file ? `"${basename(part.file.name)}"` : workbookLabel(task.spec);
    const firstRow = writer.rowCount;
    try {
      if (spooled) await pipeline(part.bytes.stream, createWriteStream(spooled), { signal: hooks.signal });
      else part.bytes.stream.destroy();
      raggedCount += await stageWorkbook(task, (local ?? spooled)!, label, part.bytes.size, writer, hooks);
    } finally {
      if (spooled) await rm(spooled, { force: true });
    }
    if (part.file) files.push({ ...part.file, firstRow, rows: writer.rowCount - firstRow });
  }
  hooks.progress({ bytesRead: bytesRead(), rowCount: writer.rowCount });
  return {
    rowCount: writer.rowCount,
    files,
    bytesRead: bytesRead(),
    raggedCount,
    storedEncoding: 'utf-8',
    storedDelimiter: ',',
    columns: task.columns,
    lateColumns: [],
  };
}

const CHUNKS_PER_TRANSACTION = 8;

/** The path of a source that is a file on this machine, or null. */
function localPath(task: StageTask): string | null {
  const { spec } = task;
  return spec.kind === 'file' || spec.kind === 'upload' || spec.kind === 'paste' ? spec.path : null;
}

/** Stages the task's sheet of one workbook; returns its ragged rows. */
async function stageWorkbook(
  task: StageTask,
  path: string,
  label: string,
  fileBytes: number | null,
  chunks: ChunkWriter,
  hooks: JobHooks<StageProgress>,
): Promise<number> {
  const workbook = await openWorkbook({ path }, label);
  try {
    // A saved import names its sheet; a dataset staged from a preview always has one.
    const sheet = task.dialect.sheet
      ? workbook.sheet(task.dialect.sheet)
      : workbook.info.sheets.find((candidate) => !candidate.hidden)!;
    const strings = await workbook.strings();
    let ragged = 0;
    const rowsBefore = chunks.rowCount;
    const writer = new CsvSheetWriter(
      cellContext(workbook, strings),
      {
        skipRows: task.dialect.skipLines ?? 0,
        headerRows: task.dialect.hasHeader ? (task.dialect.headerRows ?? 1) : 0,
        width: task.columns.length,
      },
      {
        rows: (data, count) => chunks.writeChunk(data, count),
        rowNumber: (index, rowNumber) => chunks.noteRowNumber(rowsBefore + index, rowNumber),
        ragged: (index, fields) => {
          ragged += 1;
          chunks.noteRagged(rowsBefore + index, fields);
        },
      },
      `${label} (sheet "${sheet.name}")`,
      RECORDS_PER_CHUNK,
    );
    const sheetBytes = workbook.sheetBytes(sheet);
    // The file's bytes are not read in order, so progress is the share of the sheet unpacked.
    const scale = fileBytes && sheetBytes > 0 ? fileBytes / sheetBytes : 1;
    await workbook.scan(sheet, writer, (unpacked) => {
      hooks.checkpoint();
      // Several chunks a transaction: a commit per chunk was 3% of a large sheet's time.
      if (writer.readyChunks >= CHUNKS_PER_TRANSACTION) chunks.batch(() => writer.flush(false));
      hooks.progress({ bytesRead: Math.round(unpacked * scale), rowCount: rowsBefore + writer.rowCount });
    });
    chunks.batch(() => writer.flush(true));
    return ragged;
  } finally {
    workbook.close();
  }
}
