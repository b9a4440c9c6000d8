import { endsOnLoneCr } from '../../../src-shared/model/dialect';
import type { JobHooks } from '../jobs/job';
import { openSourceBytes } from '../read/source-input';
import { connectorContext } from '../sources/connectors/connector-context';
import { ChunkWriter } from './chunk-writer';
import { createDatasetFile, removeDatasetFile } from './dataset-file';
import { writeDatasetMeta } from './dataset-meta';
import { stageCsv } from './stage-csv';
import type { StageOutcome, StageProgress, StageTask } from './stage-task';
import { stageXml } from './stage-xml';
import { stageXlsx } from './stage-xlsx';

/**
 * Stages a source into its dataset file. Runs in a worker thread in the app, or in-process in
 * tests; on any failure or cancel the half-written dataset file is removed.
 */
export async function runStageJob(task: StageTask, hooks: JobHooks<StageProgress>): Promise<StageOutcome> {
  const file = createDatasetFile(task.datasetPath, task.nativeBinding);
  const controller = new AbortController();
  // A cancel aborts the transfer at once: a stalled download never reaches a checkpoint.
  const onCancel = () => controller.abort(hooks.signal?.reason);
  hooks.signal?.addEventListener('abort', onCancel, { once: true });
  let source: Awaited<ReturnType<typeof openSourceBytes>> | null = null;
  try {
    source = await openSourceBytes(
      task.spec,
      connectorContext({
        workspaceDir: task.workspaceDir,
        nativeBinding: task.nativeBinding,
        signal: controller.signal,
        connection: task.connection,
        importedFiles: task.importedFiles,
        timeouts: task.timeouts,
        since: task.since,
      }),
    );
    // Row numbers as a spreadsheet shows them: after the skipped lines and the header.
    const firstRowNumber =
      (task.format === 'xml' ? 0 : (task.dialect.skipLines ?? 0)) +
      (task.dialect.hasHeader ? (task.dialect.headerRows ?? 1) + 1 : 1);
    const writer = new ChunkWriter(file.db, firstRowNumber);
    const outcome =
      task.format === 'xml'
        ? await stageXml(task, source, writer, hooks)
        : task.format === 'xlsx'
          ? await stageXlsx(task, source, writer, hooks)
          : await stageCsv(task, source, writer, hooks);
    writer.writeRaggedIndexes();
    writeDatasetMeta(file.db, {
      encoding: outcome.storedEncoding,
      delimiter: outcome.storedDelimiter,
      columns: outcome.columns,
      firstRowNumber,
      ...(writer.rowGaps.length > 0 ? { rowGaps: writer.rowGaps } : {}),
      rowCount: outcome.rowCount,
      files: outcome.files,
      // XML is stored as LF-separated CSV whatever its own line ends.
      loneCr: task.format === 'csv' && endsOnLoneCr(task.dialect.newline),
      // The chunks are re-read with the quoting they were cut with.
      ...(task.format === 'csv' && task.dialect.quote !== '"' ? { quote: task.dialect.quote } : {}),
      ...(task.format === 'csv' && task.dialect.lenientQuotes === false ? { lenientQuotes: false } : {}),
      // An XML record lacks the columns first seen after it: those are blanks, not missing fields.
      padShortRows: task.format === 'xml',
    });
    file.close();
    return outcome;
  } catch (error) {
    // A cancel or a failure stops the transfer too (a download, a query's cursor).
    controller.abort();
    file.close();
    removeDatasetFile(task.datasetPath);
    // A transfer aborted by a cancel fails with whatever its library says: the cancel is the cause.
    throw hooks.signal?.aborted ? hooks.signal.reason : error;
  } finally {
    hooks.signal?.removeEventListener('abort', onCancel);
    if (source && 'files' in source) await source.close().catch(() => undefined);
  }
}
