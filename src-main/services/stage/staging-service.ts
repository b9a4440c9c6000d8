import { randomUUID } from 'node:crypto';
import { IntakeError } from '../../../src-shared/errors';
import type { Dataset, DatasetProgress, RowsPage } from '../../../src-shared/model/dataset';
import type { Preview } from '../../../src-shared/model/preview';
import type { EventName, EventPayload } from '../../../src-shared/contract';
import { diskFullError, toAppError } from '../errors/to-app-error';
import type { JobHandle } from '../jobs/job';
import type { Logger } from '../log/logger';
import type { StoredSource } from '../sources/source-repository';
import type { Workspace } from '../workspace/workspace';
import { datasetFilePath, openDatasetFile, removeDatasetFile } from './dataset-file';
import { DatasetReader } from './dataset-reader';
import {
  deleteDataset,
  finishDataset,
  getDataset,
  insertDataset,
  type StoredDataset,
} from './dataset-repository';
import type { ViewSpec } from './dataset-view';
import { datasetIssues, previewStrays, stagingIssues } from './staging-issues';
import type { ImportedFile, SinceCondition } from '../sources/connectors/connector';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';
import type { StageOutcome, StageProgress, StageTask } from './stage-task';

/** The pool tasks staging runs (the host binds them to the worker pool). */
export interface StagingTasks {
  stage(task: StageTask, onProgress: (progress: StageProgress) => void): JobHandle<StageOutcome>;
  view(task: { datasetPath: string; spec: ViewSpec; nativeBinding?: string }): JobHandle<Uint32Array>;
}

interface RunningJob {
  cancel(): void;
  done: Promise<Dataset>;
  progress: DatasetProgress;
}

/** Readers and views kept open for the grid; a few datasets at a time. */
const OPEN_READERS = 4;

/**
 * Stages datasets in the ingest worker pool and serves their pages. The control database's datasets
 * table is written only here, on the main thread; workers write only their dataset's own file.
 */
export class StagingService {
  private readonly jobs = new Map<string, RunningJob>();
  private readonly readers = new Map<string, DatasetReader>();
  private readonly views = new Map<string, Promise<Uint32Array>>();

  constructor(
    private readonly workspace: Workspace,
    private readonly tasks: StagingTasks,
    private readonly emit: <N extends EventName>(name: N, payload: EventPayload<N>) => void,
    private readonly log: Logger,
    private readonly nativeBinding?: string,
    /** Reads a spec's connection and its secret from the keychain, for the staging thread. */
    private readonly resolveConnection: (
      spec: StoredSource['spec'],
    ) => Promise<ResolvedConnection | null> = () => Promise.resolve(null),
    /** Network time limits for connectors (tests shorten them). */
    private readonly timeouts?: { connectMs?: number; readMs?: number },
  ) {}

  /**
   * Starts staging a source with the dialect and columns its preview settled on; returns at once.
   * `onProgress` hears the same figures as the `datasets:progress` event (a run's loading stage).
   */
  start(
    source: StoredSource,
    preview: Preview,
    onProgress?: (progress: DatasetProgress) => void,
    /** Storage: the files the import read already, for 'not imported yet'. */
    importedFiles: ImportedFile[] = [],
    /** An incremental run's condition for a query source (a preview's dataset never has one). */
    since: SinceCondition | null = null,
  ): Dataset {
    const dataset: StoredDataset = {
      id: randomUUID(),
      sourceId: source.id,
      sourceName: source.name,
      status: 'staging',
      format: preview.format,
      dialect: preview.dialect,
      columns: preview.header,
      xmlRecordPath: preview.xmlRecordPath ?? null,
      rowCount: 0,
      bytesRead: 0,
      bytesTotal: source.size,
      issues: preview.issues,
      error: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    };
    insertDataset(this.workspace.db, dataset);
    const task: StageTask = {
      spec: source.spec,
      workspaceDir: this.workspace.dir,
      datasetPath: datasetFilePath(this.workspace.dir, dataset.id),
      format: dataset.format,
      dialect: dataset.dialect,
      columns: dataset.columns,
      ...(dataset.xmlRecordPath ? { xmlRecordPath: dataset.xmlRecordPath } : {}),
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
      importedFiles,
      ...(this.timeouts ? { timeouts: this.timeouts } : {}),
      ...(since ? { since } : {}),
    };
    const progress: DatasetProgress = {
      datasetId: dataset.id,
      status: 'staging',
      stage: 'loading',
      rowCount: 0,
      bytesRead: 0,
      bytesTotal: source.size,
    };
    const onStageProgress = (message: StageProgress) => {
      progress.bytesRead = message.bytesRead;
      progress.rowCount = message.rowCount;
      this.emit('datasets:progress', { ...progress });
      onProgress?.({ ...progress });
    };
    // The connection's secret is read from the keychain first (asynchronously); a cancel that
    // comes before the task starts stops it from starting.
    let cancelled = false;
    let running: ReturnType<StagingTasks['stage']> | null = null;
    const job = {
      done: this.resolveConnection(source.spec).then((connection) => {
        if (cancelled) throw new IntakeError('CANCELLED', 'Staging was cancelled.');
        running = this.tasks.stage({ ...task, ...(connection ? { connection } : {}) }, onStageProgress);
        return running.done;
      }),
      cancel: () => {
        cancelled = true;
        running?.cancel();
      },
    };
    const done = job.done
      .then((outcome) => this.finishSucceeded(dataset, task, outcome))
      .catch((error: unknown) => this.finishFailed(dataset, task, error))
      .finally(() => this.jobs.delete(dataset.id));
    this.jobs.set(dataset.id, { cancel: job.cancel, done, progress });
    return this.get(dataset.id);
  }

  /** A dataset's current state (live progress while staging). */
  get(datasetId: string): Dataset {
    const { xmlRecordPath: _omit, ...dataset } = getDataset(this.workspace.db, datasetId);
    const job = this.jobs.get(datasetId);
    return job ? { ...dataset, rowCount: job.progress.rowCount, bytesRead: job.progress.bytesRead } : dataset;
  }

  /** Asks a staging job to stop between chunks; resolves when it has. */
  async cancel(datasetId: string): Promise<Dataset> {
    const job = this.jobs.get(datasetId);
    if (!job) return this.get(datasetId);
    job.cancel();
    return job.done;
  }

  /** Stops a dataset's staging if it runs, then deletes its file, its cached views and its record. */
  async drop(datasetId: string): Promise<boolean> {
    await this.cancel(datasetId).catch(() => undefined);
    this.readers.get(datasetId)?.close();
    this.readers.delete(datasetId);
    for (const key of this.views.keys()) if (key.startsWith(`["${datasetId}"`)) this.views.delete(key);
    removeDatasetFile(datasetFilePath(this.workspace.dir, datasetId));
    return deleteDataset(this.workspace.db, datasetId);
  }

  /** Resolves when a dataset is no longer staging. */
  async settled(datasetId: string): Promise<Dataset> {
    return this.jobs.get(datasetId)?.done ?? this.get(datasetId);
  }

  /** A page of rows, optionally sorted and filtered (views are built in the pool and cached). */
  async rows(datasetId: string, offset: number, limit: number, spec: ViewSpec): Promise<RowsPage> {
    const dataset = this.get(datasetId);
    if (dataset.status !== 'ready') {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; its rows can be read once it is ready.`,
        {
          datasetId,
          status: dataset.status,
        },
      );
    }
    const reader = this.reader(datasetId);
    if (!spec.sort && !spec.filter?.trim()) {
      return { offset, rows: reader.window(offset, limit), total: reader.meta.rowCount };
    }
    const indexes = await this.view(datasetId, spec);
    return { offset, rows: reader.rowsAt(indexes.subarray(offset, offset + limit)), total: indexes.length };
  }

  /** The data-row indexes of a ready dataset's rows whose field count differs from the header's. */
  raggedIndexes(datasetId: string): Uint32Array {
    return this.reader(datasetId).raggedIndexes();
  }

  /** The data-row index of the row the source shows as `rowNumber`, or -1. */
  indexOfRowNumber(datasetId: string, rowNumber: number): number {
    return this.reader(datasetId).indexOfRowNumber(rowNumber);
  }

  /** The cells of the row the source shows as `rowNumber`, or null when the dataset has none. */
  cellsAtRowNumber(datasetId: string, rowNumber: number): string[] | null {
    const reader = this.reader(datasetId);
    const index = reader.indexOfRowNumber(rowNumber);
    return index === -1 ? null : reader.rowsAt([index])[0]!.cells;
  }

  /** A page of a given subset of rows (by data-row index), such as the rows with problems. */
  rowsAt(datasetId: string, offset: number, limit: number, indexes: Uint32Array): RowsPage {
    const reader = this.reader(datasetId);
    return { offset, rows: reader.rowsAt(indexes.subarray(offset, offset + limit)), total: indexes.length };
  }

  /** Stops every job and closes every reader (at shutdown). */
  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.cancel();
    await Promise.allSettled([...this.jobs.values()].map((job) => job.done));
    for (const reader of this.readers.values()) reader.close();
    this.readers.clear();
  }

  private reader(datasetId: string): DatasetReader {
    let reader = this.readers.get(datasetId);
    if (!reader) {
      if (this.readers.size >= OPEN_READERS) {
        const [oldest, open] = this.readers.entries().next().value!;
        open.close();
        this.readers.delete(oldest);
      }
      reader = new DatasetReader(datasetFilePath(this.workspace.dir, datasetId), this.nativeBinding);
      this.readers.set(datasetId, reader);
    }
    return reader;
  }

  private view(datasetId: string, spec: ViewSpec): Promise<Uint32Array> {
    const key = JSON.stringify([
      datasetId,
      spec.sort ?? null,
      spec.filter?.trim().toLocaleLowerCase() ?? '',
      // Only what changes the cells: a role or type changed in the grid keeps the view.
      spec.mapping ? [spec.mapping.columns.map((column) => column.source), spec.mapping.cleanup] : null,
    ]);
    let view = this.views.get(key);
    if (!view) {
      if (this.views.size >= 16) this.views.delete(this.views.keys().next().value!);
      const datasetPath = datasetFilePath(this.workspace.dir, datasetId);
      view = this.tasks.view({
        datasetPath,
        spec,
        ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
      }).done;
      view.catch(() => this.views.delete(key));
      this.views.set(key, view);
    }
    return view;
  }

  private finishSucceeded(dataset: StoredDataset, task: StageTask, outcome: StageOutcome): Dataset {
    const file = openDatasetFile(task.datasetPath, this.nativeBinding);
    const strays = { rows: previewStrays(dataset.issues), quote: dataset.dialect.quote };
    const issues = datasetIssues(
      dataset.issues,
      stagingIssues(file.db, outcome, dataset.columns.length, strays),
    );
    file.close();
    finishDataset(this.workspace.db, dataset.id, {
      status: 'ready',
      rowCount: outcome.rowCount,
      bytesRead: outcome.bytesRead,
      columns: outcome.columns,
      issues,
      error: null,
    });
    return this.announce(dataset.id);
  }

  private finishFailed(dataset: StoredDataset, task: StageTask, error: unknown): Dataset {
    removeDatasetFile(task.datasetPath);
    let appError = toAppError(error);
    if (appError.code === 'DISK_FULL') {
      appError = diskFullError(this.workspace.dir, `staging "${dataset.sourceName}" stopped`).toAppError();
    }
    const status = appError.code === 'CANCELLED' ? 'cancelled' : 'failed';
    if (status === 'failed')
      this.log.warn('staging failed', { datasetId: dataset.id, error: appError.message });
    finishDataset(this.workspace.db, dataset.id, {
      status,
      rowCount: 0,
      bytesRead: 0,
      columns: dataset.columns,
      issues: dataset.issues,
      error: { code: appError.code, message: appError.message, ...whereItFailed(appError.details) },
    });
    return this.announce(dataset.id);
  }

  private announce(datasetId: string): Dataset {
    const { xmlRecordPath: _omit, ...dataset } = getDataset(this.workspace.db, datasetId);
    this.emit('datasets:progress', {
      datasetId,
      status: dataset.status,
      stage: 'loading',
      rowCount: dataset.rowCount,
      bytesRead: dataset.bytesRead,
      bytesTotal: dataset.bytesTotal,
    });
    return dataset;
  }
}

/**
 * Where a staging failure happened, kept with the dataset so the wizard can show the raw lines
 * there: only numbers (a line and column, a row and field), never text a detail might carry.
 */
function whereItFailed(details: Record<string, unknown> | undefined): { details?: Record<string, number> } {
  const numbers = Object.entries(details ?? {}).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number',
  );
  return numbers.length > 0 ? { details: Object.fromEntries(numbers) } : {};
}
