import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import type { EventName, EventPayload } from '../../../src-shared/contract';
import { IntakeError, unwrap } from '../../../src-shared/errors';
import type { Dataset } from '../../../src-shared/model/dataset';
import type { ImportDefinition } from '../../../src-shared/model/import-definition';
import { isActiveRun, type Run, type RunProgress, type RunStatus } from '../../../src-shared/model/run';
import type { AppError, Result } from '../../../src-shared/result';
import { toAppError } from '../errors/to-app-error';
import { getImport } from '../imports/import-repository';
import type { Logger } from '../log/logger';
import type { PreviewCache } from '../preview/preview-cache';
import { getSource } from '../sources/source-repository';
import { datasetFilePath } from '../stage/dataset-file';
import type { StagingService } from '../stage/staging-service';
import type { Workspace } from '../workspace/workspace';
import type { Exclusive } from '../workspace/write-lock';
import { fitMapping } from './fit-mapping';
import type { ProcessOutcome, ProcessTask } from './process-run';
import { getRun, insertRun, markEnded, markLoading, markProcessing } from './run-repository';

export interface RunServiceDeps {
  workspace: Workspace;
  staging: StagingService;
  previews: PreviewCache;
  pool: () => Piscina;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  log: Logger;
  /** The workspace's write lock, shared with staging (see createExclusive). */
  writeLock: Exclusive;
  nativeBinding?: string | undefined;
  /** How long a run waits for another process's write lock (ProcessTask.busyTimeoutMs). */
  busyTimeoutMs?: number | undefined;
  /** Runs executing at once; cores − 1 (at least 1) by default, like the worker pool. */
  concurrency?: number;
}

interface Job {
  runId: string;
  definition: ImportDefinition;
  /** A dataset the wizard staged already; otherwise the run stages the import's source itself. */
  datasetId: string | null;
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
 * the source in a worker, or reuses the wizard's dataset), fits the import's mapping to the columns
 * read, then processes in a worker, one run at a time (one SQLite writer). Progress of both stages
 * goes out as `runs:progress`.
 */
export class RunService {
  private readonly waiting: Job[] = [];
  private readonly jobs = new Map<string, Job>();
  private readonly concurrency: number;
  private executing = 0;

  constructor(private readonly deps: RunServiceDeps) {
    this.concurrency = deps.concurrency ?? Math.max(1, availableParallelism() - 1);
  }

  /** Queues a run of a saved import; returns the queued run at once. */
  start(importId: string, datasetId?: string): Run {
    const db = this.deps.workspace.db;
    const definition = getImport(db, importId);
    let sourceName: string;
    let bytesTotal: number | null;
    if (datasetId) {
      const dataset = this.deps.staging.get(datasetId);
      // The run takes the dataset over (and drops it when it ends): it must be this import's
      // source's, still usable, and nobody else's.
      const refusal = [...this.jobs.values()].some((job) => job.datasetId === datasetId)
        ? 'another run is using it'
        : dataset.sourceId !== definition.sourceId
          ? 'it was read from another source'
          : dataset.status === 'ready' || dataset.status === 'staging'
            ? null
            : `it is ${dataset.status}`;
      if (refusal) {
        throw new IntakeError(
          'VALIDATION',
          `Dataset ${datasetId} cannot be imported by "${definition.name}": ${refusal}.`,
          { datasetId, importId },
        );
      }
      sourceName = dataset.sourceName;
      bytesTotal = dataset.bytesTotal;
    } else {
      if (!definition.sourceId) {
        throw new IntakeError('VALIDATION', `The import "${definition.name}" has no source to read.`, {
          importId,
        });
      }
      const source = getSource(db, definition.sourceId);
      sourceName = source.name;
      bytesTotal = source.size;
    }
    const run = insertRun(db, {
      importId,
      importName: definition.name,
      importType: definition.importType,
      sourceName,
      bytesTotal,
    });
    let settle!: (run: Run) => void;
    let fail!: (error: unknown) => void;
    const settled = new Promise<Run>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const job: Job = {
      runId: run.id,
      definition,
      datasetId: datasetId ?? null,
      progress: {
        runId: run.id,
        importId,
        status: 'queued',
        loading: { rows: 0, bytesRead: 0, bytesTotal },
        processing: { rows: 0, rowsTotal: null },
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
      if (job.datasetId) await this.deps.staging.drop(job.datasetId).catch(() => undefined);
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
    return [...this.jobs.values()].filter((job) => job.definition.id === importId).map((job) => job.runId);
  }

  /** Cancels every run (at shutdown). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.jobs.keys()].map((runId) => this.cancel(runId)));
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
    // The run owns its input: a dataset it staged, or the wizard's, which the draft handed over.
    let ownDataset: string | null = job.datasetId;
    try {
      const dataset = await this.load(job, (id) => (ownDataset = id));
      const fitted = fitMapping(job.definition.mapping, dataset.columns);
      await this.deps.writeLock(async () => {
        this.checkCancelled(job);
        const db = this.deps.workspace.db;
        markProcessing(db, job.runId, {
          rowsTotal: dataset.rowCount,
          bytesRead: dataset.bytesRead,
          bytesTotal: dataset.bytesTotal,
        });
        job.progress.status = 'processing';
        job.progress.processing.rowsTotal = dataset.rowCount;
        this.announce(job);
        await this.process(job, {
          runId: job.runId,
          importId: job.definition.id,
          databasePath: this.deps.workspace.databasePath,
          datasetPath: datasetFilePath(this.deps.workspace.dir, dataset.id),
          mapping: fitted.mapping,
          warnings: fitted.warnings,
          ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
          ...(this.deps.busyTimeoutMs !== undefined ? { busyTimeoutMs: this.deps.busyTimeoutMs } : {}),
        });
      });
      this.finish(job, null);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code !== 'CANCELLED')
        this.deps.log.warn('run failed', { runId: job.runId, error: appError.message });
      this.finish(job, appError);
    } finally {
      // A dataset the run staged for itself is only the run's input: free its disk space.
      if (ownDataset) await this.deps.staging.drop(ownDataset).catch(() => undefined);
    }
  }

  /** Loading: stage the import's source (or reuse the wizard's dataset) and wait until it is ready. */
  private async load(job: Job, staged: (datasetId: string) => void): Promise<Dataset> {
    this.checkCancelled(job);
    const db = this.deps.workspace.db;
    job.progress.status = 'loading';
    let dataset: Dataset;
    if (job.datasetId) {
      await this.deps.writeLock(() => markLoading(db, job.runId, job.datasetId!));
      this.announce(job);
      dataset = await this.deps.staging.settled(job.datasetId);
    } else {
      const source = getSource(db, job.definition.sourceId!);
      const preview = await this.deps.previews.get(source, job.definition.dialect);
      this.checkCancelled(job);
      // Registering the dataset and the run's status are writes: wait for any run processing now.
      const started = await this.deps.writeLock(() => {
        this.checkCancelled(job);
        const dataset = this.deps.staging.start(source, preview, (progress) => {
          job.progress.loading = {
            rows: progress.rowCount,
            bytesRead: progress.bytesRead,
            bytesTotal: progress.bytesTotal,
          };
          this.announce(job);
        });
        markLoading(db, job.runId, dataset.id);
        return dataset;
      });
      staged(started.id);
      job.stop = () => void this.deps.staging.cancel(started.id);
      this.announce(job);
      dataset = await this.deps.staging.settled(started.id);
    }
    job.stop = () => undefined;
    if (dataset.status !== 'ready') {
      if (dataset.status === 'cancelled') job.cancelled = true;
      this.checkCancelled(job);
      throw new IntakeError(
        'VALIDATION',
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

  /** Processing in a worker; progress in, 'cancel' out, over a port of its own. */
  private async process(job: Job, task: ProcessTask): Promise<ProcessOutcome> {
    const channel = new MessageChannel();
    channel.port2.on('message', (message: { type: 'progress'; rows: number }) => {
      job.progress.processing.rows = message.rows;
      this.announce(job);
    });
    job.stop = () => channel.port2.postMessage('cancel');
    try {
      const result = (await this.deps
        .pool()
        .run(
          { ...task, port: channel.port1 },
          { name: 'importRun', transferList: [channel.port1] },
        )) as Result<ProcessOutcome>;
      return unwrap(result);
    } finally {
      job.stop = () => undefined;
      channel.port2.close();
    }
  }

  private checkCancelled(job: Job): void {
    if (job.cancelled)
      throw new IntakeError('CANCELLED', 'The run was cancelled; nothing from it was imported.');
  }

  /**
   * Ends a run: records failure or cancellation (success is recorded by processing itself), then
   * settles it. While another run holds the write lock, the end is recorded once it is free and the
   * run settles at once: a run that waited would hang its cancel, its import's deletion and shutdown.
   */
  private finish(job: Job, error: AppError | null): void {
    this.jobs.delete(job.runId);
    const db = this.deps.workspace.db;
    try {
      const status: RunStatus = error?.code === 'CANCELLED' ? 'cancelled' : 'failed';
      if (error) {
        const record = () => markEnded(db, job.runId, status, error);
        if (this.deps.writeLock.busy) {
          void this.deps.writeLock(record).catch((failure: unknown) =>
            this.deps.log.warn('could not record the end of a run', {
              runId: job.runId,
              error: toAppError(failure).message,
            }),
          );
        } else {
          record();
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
