import type { DestinationSpec } from '../../../src-shared/model/destination';
import { incrementalTimeField, newerOf, type NewestTime } from '../../../src-shared/mapping/incremental';
import type { RunValues } from '../../../src-shared/mapping/static-placeholders';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { DRY_RUN_NOTE, type RunCounts } from '../../../src-shared/model/run';
import { destinationFor } from '../destinations';
import type { DestinationSession, Eventually, RunOutcome, RunSink } from '../destinations/destination';
import type { JobHooks } from '../jobs/job';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';
import { datasetInput } from './run-input';
import { RunRecorder } from './run-recorder';

/** What processing a run needs; plain data, so it can be posted to a worker thread. */
export interface ProcessTask {
  runId: string;
  importId: string | null;
  workspaceDir: string;
  datasetPath: string;
  /** The import's mapping fitted to the dataset's columns. */
  mapping: ImportMapping;
  /** Warnings loading already found (new columns…), stored with the run's summary. */
  warnings: string[];
  /** Where the records go; the workspace when not given. */
  destination?: DestinationSpec;
  nativeBinding?: string;
  /** Events runs of this many rows or more prepare on a second thread (the workspace's default when unset). */
  pipelineFromRows?: number;
  /** How long the run waits for another process's write lock to begin (the workspace's default when unset). */
  busyTimeoutMs?: number;
  /**
   * Set for an incremental run of a saved import into the workspace: its cursor (ISO 8601 UTC, six
   * fraction digits; null before its first run). Rows whose time field is not after it are
   * skipped, and the run's success moves it to the newest time imported. Unset for any other run.
   */
  cursor?: string | null;
  /** Count what the destination would do and send nothing (a platform push's dry run). */
  dryRun?: boolean;
  /** Send only this row ("test a record"). */
  onlyRow?: number;
  /** A destination behind a saved connection (a platform, PostgreSQL): resolved in main, with its secret. */
  connection?: ResolvedConnection | null;
  /**
   * What static columns' placeholders stand for: the run's start, fixed once in main so every thread
   * of the run (the events pipeline's too) fills the same date, and the name of the file it reads.
   */
  runValues?: RunValues;
}

export interface ProcessOutcome {
  counts: RunCounts;
  warnings: string[];
}

/**
 * Processes a run: its staged rows, mapped, go to its destination's session, and the run recorder
 * keeps the rejects and, once the session committed, the run's success. Any failure or cancel
 * aborts the session (which leaves nothing behind) and discards the rejects. Local destinations
 * finish synchronously — the workspace's one transaction must not interleave with anything — and
 * so does this; a destination that waits on a network makes it return a promise.
 */
export function processRun(task: ProcessTask, hooks: JobHooks<number>): Eventually<ProcessOutcome> {
  const recorder = new RunRecorder(task.workspaceDir, task.runId, task.nativeBinding);
  const counts: RunCounts = { read: 0, imported: 0, updated: 0, deduplicated: 0, rejected: 0, skipped: 0 };
  const warnings = new Set(task.warnings);
  let newest: NewestTime | null = null;
  const sink: RunSink = {
    applied(result) {
      counts.read += result.read;
      counts.imported += result.imported;
      counts.updated += result.updated;
      counts.deduplicated += result.deduplicated;
      counts.rejected += result.rejects.length;
      counts.skipped += result.skipped;
      newest = newerOf(newest, result.newest);
      recorder.rejects(result.rejects);
      for (const warning of result.warnings) warnings.add(warning);
      // Rows settled: for a local destination every row read; for a push, those the platform answered.
      hooks.progress(
        counts.imported + counts.updated + counts.deduplicated + counts.rejected + counts.skipped,
      );
    },
    checkpoint: () => hooks.checkpoint(),
    signal: hooks.signal,
  };
  let session: DestinationSession | null = null;
  const fail = (error: unknown): never => {
    const aborted = session?.abort();
    recorder.discard();
    recorder.close();
    if (aborted instanceof Promise) void aborted.catch(() => undefined);
    throw error;
  };
  try {
    const spec = task.destination ?? { kind: 'workspace' };
    session = destinationFor(spec).open(
      spec,
      { runId: task.runId, importId: task.importId },
      {
        workspaceDir: task.workspaceDir,
        nativeBinding: task.nativeBinding,
        busyTimeoutMs: task.busyTimeoutMs,
        pipelineFromRows: task.pipelineFromRows,
        dryRun: task.dryRun,
        onlyRow: task.onlyRow,
        connection: task.connection,
      },
    );
    const opened = session;
    const input = datasetInput({
      datasetPath: task.datasetPath,
      mapping: task.mapping,
      ...(task.nativeBinding ? { nativeBinding: task.nativeBinding } : {}),
      cursor: task.cursor ?? null,
      ...(task.runValues ? { runValues: task.runValues } : {}),
    });
    const finish = (): Eventually<ProcessOutcome> => {
      const reached = task.cursor === undefined ? null : newest;
      const boundary = reached ? boundaryWarning(task.mapping, reached) : null;
      if (boundary) warnings.add(boundary);
      const outcome: RunOutcome = {
        counts: { ...counts },
        warnings: [...warnings],
        ...(input.files.length > 0 ? { files: input.files } : {}),
        // The cursor moves with the run's success (the recorder's one transaction); a failed run
        // leaves it where it was.
        ...(reached ? { cursor: reached.iso } : {}),
      };
      if (task.dryRun) {
        // A dry run ends as a failure would: the destination keeps and sends nothing (the
        // workspace's transaction rolled back, no request sent), and no cursor or file memory moves.
        // Its counts are what the real run would have counted.
        const dry: RunOutcome = {
          counts: { ...counts },
          warnings: [DRY_RUN_NOTE, ...warnings],
        };
        return then(opened.abort(), () => {
          recorder.succeeded(dry);
          recorder.close();
          return dry;
        });
      }
      return then(opened.commit(outcome), () => {
        recorder.succeeded(outcome);
        recorder.close();
        return outcome;
      });
    };
    const written = opened.write(input, sink);
    return written instanceof Promise ? written.then(finish).catch(fail) : finish();
  } catch (error) {
    return fail(error);
  }
}

/**
 * The seed's rule reads rows whose time field is greater than the cursor, never equal: an equal
 * one may have been imported already. So when a run ends on a time several rows share, rows with
 * that same time that arrive later will be skipped; the summary says so.
 */
function boundaryWarning(mapping: ImportMapping, newest: NewestTime): string | null {
  const field = incrementalTimeField(mapping);
  if (!field || newest.rows < 2) return null;
  return (
    `${newest.rows.toLocaleString('en')} rows imported share the newest time in "${field.source}" ` +
    `(${newest.iso}), where the next run starts: rows with this same time that arrive later will be ` +
    'skipped, because incremental sync reads only times greater than the last one imported (an ' +
    'equal one may be a row it has already imported). Give each row a time set when it is created, ' +
    'precise enough that rows added later never share the last one.'
  );
}

/** Continues after a value that may or may not be a promise, staying synchronous when it is not. */
function then<T, R>(value: Eventually<T>, next: (value: T) => Eventually<R>): Eventually<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
