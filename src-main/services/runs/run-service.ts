import type { ImportMapping } from '../../../src-shared/model/mapping';
import { availableParallelism } from 'node:os';
import type { EventName, EventPayload } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import type { Dataset } from '../../../src-shared/model/dataset';
import {
  isActiveRun,
  type Run,
  type RunProgress,
  type RunStarter,
  type RunStatus,
} from '../../../src-shared/model/run';
import { rejectsRaggedRows } from '../../../src-shared/mapping/row-rules';
import { fileNameOfSource, fillStatics, runValuesAt } from '../../../src-shared/mapping/static-placeholders';
import type { AppError, ErrorCode } from '../../../src-shared/result';
import { diskFullError, toAppError } from '../errors/to-app-error';
import { cursorOfRun, incrementalRead } from '../imports/import-cursor';
import type { JobHandle } from '../jobs/job';
import type { Logger } from '../log/logger';
import { RECENT_PREVIEW_MS, type PreviewCache } from '../preview/preview-cache';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';
import { datasetFilePath } from '../stage/dataset-file';
import type { StagingService } from '../stage/staging-service';
import type { CheckpointResult } from '../workspace/wal-checkpoint';
import type { Workspace } from '../workspace/workspace';
import type { Exclusive } from '../workspace/write-lock';
import { fitMapping } from './fit-mapping';
import { forgetOneOffSource } from './one-off-source';
import { processThenCheckpoint } from './run-checkpoint';
import { planOfImport, type DatasetHandover, type RunOptions, type RunPlan } from './run-plan';
import type { ProcessOutcome, ProcessTask } from './process-run';
import {
  activeRunOf,
  endRun,
  getRun,
  importedFilesOf,
  insertRun,
  markLoading,
  markProcessing,
  setRunSourceColumns,
  noteCoalesced,
} from './run-repository';

export interface RunServiceDeps {
  workspace: Workspace;
  staging: StagingService;
  previews: PreviewCache;
  /** Processes a run on a worker thread (the host binds it to the pool's processRun task). */
  processInPool(task: ProcessTask, onProgress: (rows: number) => void): JobHandle<ProcessOutcome>;
  /** Checkpoints the data database's log on a worker thread (checkpointWorkspace). */
  checkpointInPool(): Promise<CheckpointResult>;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  log: Logger;
  /** The data database's write lock in this process: held while a run writes to the workspace. */
  writeLock: Exclusive;
  nativeBinding?: string | undefined;
  /** How long a run waits for another process's write lock (ProcessTask.busyTimeoutMs). */
  busyTimeoutMs?: number | undefined;
  /** Runs executing at once; cores − 1 (at least 1) by default, like the worker pool. */
  concurrency?: number;
  /** A destination's saved connection with its secret (platform and PostgreSQL pushes). */
  resolveConnection?: (connectionId: string) => Promise<ResolvedConnection>;
}

interface Job {
  runId: string;
  plan: RunPlan;
  dataset: DatasetHandover | null;
  progress: RunProgress;
  cancelled: boolean;
  /** Stops whatever stage the run is in. */
  stop: () => void;
  settled: Promise<Run>;
  settle: (run: Run) => void;
  /** Ends `settled` with an error when even reading the run back failed. */
  fail: (error: unknown) => void;
}

/**
 * The run queue: runs wait in one queue and execute `concurrency` at a time. Each run loads (stages
 * the source in a worker, or reuses the wizard's dataset), fits the mapping to the columns read,
 * then processes in a worker, where its destination's session takes the records and the run
 * recorder keeps its rejects and success. Only a run that writes to the workspace takes the data
 * write lock, and only while it processes. Progress of both stages goes out as `runs:progress`.
 */
export class RunService {
  private readonly waiting: Job[] = [];
  private readonly jobs = new Map<string, Job>();
  private readonly concurrency: number;
  private executing = 0;

  constructor(private readonly deps: RunServiceDeps) {
    this.concurrency = deps.concurrency ?? Math.max(1, availableParallelism() - 1);
  }

  /**
   * Queues a run of a saved import into the workspace; returns the queued run at once. A request
   * without a dataset for an import that is already queued or running (here, or in another live
   * process on this workspace) joins that run instead, and the run's history counts it: a
   * schedule, a trigger and a user asking at once must not import the same source twice. A
   * request that hands over the wizard's staged rows always queues its own run.
   */
  start(importId: string, datasetId?: string, startedBy: RunStarter = 'user', options: RunOptions = {}): Run {
    const db = this.deps.workspace.db;
    if (!datasetId && !options.dryRun && options.onlyRow === undefined && options.sourceId === undefined) {
      const active = activeRunOf(db, importId);
      if (active) {
        noteCoalesced(db, active.id);
        this.deps.log.info('run request joined an active run', { importId, runId: active.id, startedBy });
        return getRun(db, active.id);
      }
    }
    return this.queue(planOfImport(db, importId, startedBy, options), datasetId ? { datasetId } : null);
  }

  /** Where a queued run of this process waits: 1 for the next to start, null when not waiting. */
  queuePosition(runId: string): number | null {
    const index = this.waiting.findIndex((job) => job.runId === runId);
    return index < 0 ? null : index + 1;
  }

  /** Queues a run of any plan (an export); returns the queued run at once. */
  queue(plan: RunPlan, handover: DatasetHandover | null = null): Run {
    const db = this.deps.workspace.db;
    let sourceName = plan.source.name;
    let bytesTotal = plan.source.size;
    if (handover) {
      const dataset = this.deps.staging.get(handover.datasetId);
      // A run that takes the dataset over drops it when it ends: it must be this source's, still
      // usable, and nobody else's.
      const refusal =
        !handover.borrowed &&
        [...this.jobs.values()].some((job) => job.dataset?.datasetId === handover.datasetId)
          ? 'another run is using it'
          : dataset.sourceId !== plan.source.id
            ? 'it was read from another source'
            : dataset.status === 'ready' || dataset.status === 'staging'
              ? null
              : `it is ${dataset.status}`;
      if (refusal) {
        throw new IntakeError(
          'VALIDATION',
          `Dataset ${handover.datasetId} cannot be imported by "${plan.name}": ${refusal}.`,
          { datasetId: handover.datasetId, importId: plan.importId },
        );
      }
      sourceName = dataset.sourceName;
      bytesTotal = dataset.bytesTotal;
    }
    const run = insertRun(db, {
      importId: plan.importId,
      importName: plan.name,
      importType: plan.importType,
      sourceName,
      bytesTotal,
      destination: plan.destination,
      ...(plan.startedBy ? { startedBy: plan.startedBy } : {}),
    });
    let settle!: (run: Run) => void;
    let fail!: (error: unknown) => void;
    const settled = new Promise<Run>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const job: Job = {
      runId: run.id,
      plan,
      dataset: handover,
      progress: {
        runId: run.id,
        importId: plan.importId,
        status: 'queued',
        loading: { rows: 0, bytesRead: 0, bytesTotal },
        processing: {
          rows: 0,
          rowsTotal: null,
          ...(plan.destination.kind === 'platform' && !plan.dryRun ? { pushing: true } : {}),
        },
      },
      cancelled: false,
      stop: () => undefined,
      settled,
      settle,
      fail,
    };
    this.jobs.set(run.id, job);
    this.waiting.push(job);
    this.announce(job);
    this.pump();
    return run;
  }

  /** A run as stored (live counts arrive as `runs:progress`). */
  get(runId: string): Run {
    return getRun(this.deps.workspace.db, runId);
  }

  /** The live progress of an active run (null when it is not active in this process). */
  progress(runId: string): RunProgress | null {
    const job = this.jobs.get(runId);
    return job ? { ...job.progress } : null;
  }

  /** Cancels a queued or active run; resolves with the run once it has ended. */
  async cancel(runId: string): Promise<Run> {
    const job = this.jobs.get(runId);
    if (!job) return this.get(runId);
    job.cancelled = true;
    const queued = this.waiting.indexOf(job);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      this.finish(job, { code: 'CANCELLED', message: 'The run was cancelled before it started.' });
      // The wizard handed its staged rows to this run: nobody else will drop them.
      if (job.dataset && !job.dataset.borrowed) {
        await this.deps.staging.drop(job.dataset.datasetId).catch(() => undefined);
      }
      forgetOneOffSource(this.deps, job.runId, job.plan);
    } else {
      job.stop();
    }
    return job.settled;
  }

  /** Resolves when a run has ended (at once for a finished one). */
  async settled(runId: string): Promise<Run> {
    return this.jobs.get(runId)?.settled ?? this.get(runId);
  }

  /** Ids of this process's active runs of an import. */
  activeRunsOf(importId: string): string[] {
    return [...this.jobs.values()].filter((job) => job.plan.importId === importId).map((job) => job.runId);
  }

  /** Cancels every run (at shutdown), and waits for the checkpoint after the last one. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.jobs.keys()].map((runId) => this.cancel(runId)));
    await this.deps.writeLock(() => undefined);
  }

  private pump(): void {
    while (this.executing < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.executing++;
      void this.execute(job).finally(() => {
        this.executing--;
        this.pump();
      });
    }
  }

  private async execute(job: Job): Promise<void> {
    // The run owns its input: a dataset it staged, or the wizard's, which the draft handed over
    // (unless the run only borrowed it).
    let ownDataset: string | null = job.dataset && !job.dataset.borrowed ? job.dataset.datasetId : null;
    try {
      // Static columns' placeholders are filled with the run's start and its file's name; one that
      // cannot be filled fails the run now, before its source is read.
      const runValues = runValuesAt(new Date(), fileNameOfSource(job.plan.source.spec));
      fillStatics(job.plan.mapping, runValues);
      const dataset = await this.load(job, (id) => (ownDataset = id));
      const fitted = fitMapping(job.plan.mapping, dataset.columns);
      if (!rejectsRaggedRows(fitted.mapping)) {
        const ragged = this.deps.staging.raggedIndexes(dataset.id).length;
        if (ragged > 0) {
          fitted.warnings.push(
            `${ragged.toLocaleString('en')} rows did not have ${dataset.columns.length} fields like the header: missing fields were read as blanks and extra ones left out, as the import says.`,
          );
        }
      }
      fitted.warnings.push(
        ...skippedEditWarnings(
          fitted.mapping,
          (row) => this.deps.staging.cellsAtRowNumber(dataset.id, row),
          dataset.columns,
        ),
      );
      const destination = job.plan.destination;
      // Read from the keychain here: a worker thread has no access to it.
      const connection =
        'connectionId' in destination && this.deps.resolveConnection
          ? await this.deps.resolveConnection(destination.connectionId)
          : null;
      const process = async () => {
        this.checkCancelled(job);
        setRunSourceColumns(this.deps.workspace.db, job.runId, dataset.columns);
        markProcessing(this.deps.workspace.db, job.runId, {
          rowsTotal: dataset.rowCount,
          bytesRead: dataset.bytesRead,
          bytesTotal: dataset.bytesTotal,
        });
        job.progress.status = 'processing';
        job.progress.processing.rowsTotal = dataset.rowCount;
        this.announce(job);
        await this.process(job, {
          runId: job.runId,
          importId: job.plan.importId,
          workspaceDir: this.deps.workspace.dir,
          datasetPath: datasetFilePath(this.deps.workspace.dir, dataset.id),
          mapping: fitted.mapping,
          warnings: fitted.warnings,
          destination: job.plan.destination,
          ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
          ...(this.deps.busyTimeoutMs !== undefined ? { busyTimeoutMs: this.deps.busyTimeoutMs } : {}),
          ...(connection ? { connection } : {}),
          ...(job.plan.dryRun ? { dryRun: true } : {}),
          ...(job.plan.onlyRow !== undefined ? { onlyRow: job.plan.onlyRow } : {}),
          runValues,
          // Read again, not kept from loading: only this import's own runs move it, never two at once.
          ...(job.plan.destination.kind === 'workspace'
            ? cursorOfRun(this.deps.workspace.db, job.plan.importId, job.plan.mapping, job.plan.source.spec)
            : {}),
        });
      };
      // Runs that write to the workspace take turns with the app's writes of data tables; an
      // export or a push never touches the data database's write lock.
      if (job.plan.destination.kind === 'workspace') await processThenCheckpoint(this.deps, process);
      else await process();
      this.finish(job, null);
    } catch (error) {
      let appError = toAppError(error);
      if (appError.code === 'DISK_FULL' && !appError.message.includes(this.deps.workspace.dir)) {
        appError = diskFullError(this.deps.workspace.dir, 'the run stopped while writing').toAppError();
      }
      if (appError.code !== 'CANCELLED')
        this.deps.log.warn('run failed', { runId: job.runId, error: appError.message });
      this.finish(job, appError);
    } finally {
      // A dataset the run staged for itself is only the run's input: free its disk space.
      if (ownDataset) await this.deps.staging.drop(ownDataset).catch(() => undefined);
      forgetOneOffSource(this.deps, job.runId, job.plan);
    }
  }

  /** Loading: stage the source (or reuse the wizard's dataset) and wait until it is ready. */
  private async load(job: Job, staged: (datasetId: string) => void): Promise<Dataset> {
    this.checkCancelled(job);
    const db = this.deps.workspace.db;
    job.progress.status = 'loading';
    let dataset: Dataset;
    // A storage source's run reads the files its selection rule picks, not the one file the wizard
    // staged to preview and map: it stages its own (the wizard's dataset is still dropped after).
    if (job.dataset && job.plan.source.spec.kind !== 'storage') {
      markLoading(db, job.runId, job.dataset.datasetId);
      this.announce(job);
      dataset = await this.deps.staging.settled(job.dataset.datasetId);
    } else {
      const { source } = job.plan;
      // A run started right after its preview (a headless import, Save and import) reuses that
      // preview's detection instead of asking a query or a feed for its head twice; an older one
      // is taken afresh. Staging reads the whole source either way, except that an incremental
      // import's query reads only the rows after its cursor (processing skips the rest of the
      // older rows, as it does for the wizard's dataset and storage files).
      const incremental =
        job.plan.destination.kind === 'workspace'
          ? incrementalRead(db, job.plan.importId, job.plan.mapping, source.spec)
          : null;
      const preview = await this.deps.previews.get(source, job.plan.dialect, undefined, {
        maxAgeMs: RECENT_PREVIEW_MS,
      });
      this.checkCancelled(job);
      const started = this.deps.staging.start(
        source,
        preview,
        (progress) => {
          job.progress.loading = {
            rows: progress.rowCount,
            bytesRead: progress.bytesRead,
            bytesTotal: progress.bytesTotal,
          };
          this.announce(job);
        },
        importedFilesOf(db, job.plan.importId),
        incremental?.since ?? null,
      );
      markLoading(db, job.runId, started.id);
      staged(started.id);
      job.stop = () => void this.deps.staging.cancel(started.id);
      this.announce(job);
      dataset = await this.deps.staging.settled(started.id);
    }
    job.stop = () => undefined;
    if (dataset.status !== 'ready') {
      if (dataset.status === 'cancelled') job.cancelled = true;
      this.checkCancelled(job);
      // The reading's own code (DISK_FULL, IO, PARSE…) says what to do about it.
      throw new IntakeError(
        (dataset.error?.code as ErrorCode | undefined) ?? 'VALIDATION',
        `Reading "${dataset.sourceName}" failed: ${dataset.error?.message ?? dataset.status}`,
        { datasetId: dataset.id },
      );
    }
    job.progress.loading = {
      rows: dataset.rowCount,
      bytesRead: dataset.bytesRead,
      bytesTotal: dataset.bytesTotal,
    };
    return dataset;
  }

  /** Processing in a worker, with progress and cancel. */
  private async process(job: Job, task: ProcessTask): Promise<ProcessOutcome> {
    const handle = this.deps.processInPool(task, (rows) => {
      job.progress.processing.rows = rows;
      this.announce(job);
    });
    job.stop = handle.cancel;
    try {
      return await handle.done;
    } finally {
      job.stop = () => undefined;
    }
  }

  private checkCancelled(job: Job): void {
    if (job.cancelled)
      throw new IntakeError('CANCELLED', 'The run was cancelled; nothing from it was imported.');
  }

  /**
   * Ends a run: records failure or cancellation (success is recorded by the run recorder once its
   * destination committed), then settles it. Run records live in the control database, which no
   * run's processing holds, so this never waits for another run.
   */
  private finish(job: Job, error: AppError | null): void {
    this.jobs.delete(job.runId);
    const db = this.deps.workspace.db;
    try {
      const status: RunStatus = error?.code === 'CANCELLED' ? 'cancelled' : 'failed';
      if (error) {
        try {
          endRun(db, job.runId, status, error);
        } catch (failure) {
          // A full disk can refuse even this small write: the run still ends, as failed, here;
          // the next start finds it unfinished and marks it interrupted.
          this.deps.log.warn('could not record the end of a run', {
            runId: job.runId,
            error: toAppError(failure).message,
          });
        }
      }
      const stored = getRun(db, job.runId);
      const run =
        error && isActiveRun(stored.status)
          ? { ...stored, status, error, finishedAt: new Date().toISOString() }
          : stored;
      job.progress.status = run.status;
      if (run.status === 'succeeded') job.progress.processing.rows = run.rows.read;
      this.announce(job);
      job.settle(run);
    } catch (failure) {
      job.fail(failure);
    }
  }

  private announce(job: Job): void {
    this.deps.emit('runs:progress', {
      ...job.progress,
      loading: { ...job.progress.loading },
      processing: { ...job.progress.processing },
    });
  }
}

/** Hand edits listed by the run: at most this many, then a count. */
const SKIPPED_EDITS_LISTED = 10;

/**
 * The hand edits this run's rows no longer match (the file changed since they were made): each is
 * left out — never applied to whatever the row holds now — and said in the run's warnings.
 */
function skippedEditWarnings(
  mapping: ImportMapping,
  cellsAt: (rowNumber: number) => string[] | null,
  columns: readonly string[],
): string[] {
  const skipped: string[] = [];
  for (const step of mapping.cleanup ?? []) {
    if (step.kind !== 'edit-cells') continue;
    for (const edit of step.edits) {
      const column = columns.indexOf(edit.column);
      const cells = column === -1 ? null : cellsAt(edit.row);
      const found = cells?.[column];
      if (found === edit.old) continue;
      skipped.push(
        found === undefined
          ? `row ${edit.row}, ${edit.column}: the file has no such ${column === -1 ? 'column' : 'row'} now`
          : `row ${edit.row}, ${edit.column} holds "${found}", not "${edit.old}"`,
      );
    }
  }
  if (skipped.length === 0) return [];
  const listed = skipped.slice(0, SKIPPED_EDITS_LISTED).join('; ');
  const more =
    skipped.length > SKIPPED_EDITS_LISTED ? `; and ${skipped.length - SKIPPED_EDITS_LISTED} more` : '';
  return [
    `${skipped.length} hand edit${skipped.length === 1 ? ' was' : 's were'} not applied, as the file changed since ${skipped.length === 1 ? 'it was' : 'they were'} made: ${listed}${more}.`,
  ];
}
