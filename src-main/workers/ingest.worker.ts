import { DatasetReader } from '../services/stage/dataset-reader';
import { buildView, type ViewSpec } from '../services/stage/dataset-view';
import { runStageJob } from '../services/stage/stage-job';
import type { StageProgress, StageTask } from '../services/stage/stage-task';
import { checkColumns, type ColumnCheckTask, type ShapeSpec } from '../services/mapping/check-columns';
import { countStepChanges } from '../services/mapping/step-changes';
import { fillCarries } from '../services/stage/fill-carries';
import { datasetDuplicates, removedIndexes } from '../services/mapping/dataset-duplicates';
import { combineDatasetChecks, type CombineRequest } from '../services/mapping/combine-checks';
import type { PreviewableStep } from '../../src-shared/model/cleanup';
import type { ImportMapping } from '../../src-shared/model/mapping';
import { join } from 'node:path';
import { previewIdentities } from '../services/destinations/workspace/identity-preview';
import { openReadOnlyWorkspace } from '../services/workspace/read-only-query';
import { DATABASE_FILE } from '../services/workspace/workspace-files';
import { readPreview, type PreviewTask } from '../services/preview/preview-source';
import { readRawLines, type RawLinesTask } from '../services/preview/raw-lines';
import { processRun, type ProcessTask } from '../services/runs/process-run';
import { checkpointWorkspace } from '../services/workspace/wal-checkpoint';
import { defineTask, type TaskMessage } from './define-task';

// The ingest pool's tasks: ONE table of names, payloads, outcomes and progress types. The host runs
// them through workers/task-runner.ts, which derives every type from this table; nothing else names
// a task.

/** Every task the ingest pool runs. */
export const ingestTasks = {
  /** Detection and the first rows of a source, from a bounded head read (never on the main thread). */
  preview: defineTask('The preview', (task: PreviewTask) => readPreview(task)),
  /** The raw lines of a text source around a parse error (read only up to the window's end). */
  rawLines: defineTask('Reading the raw lines', (task: RawLinesTask) => readRawLines(task)),
  /** Stages a source into its dataset file. */
  stage: defineTask<StageTask, Awaited<ReturnType<typeof runStageJob>>, StageProgress>(
    'Staging',
    runStageJob,
  ),
  /** The data-row indexes of a sorted/filtered view of a staged dataset. */
  view: defineTask(
    'Sorting',
    (task: { datasetPath: string; spec: ViewSpec; nativeBinding?: string }) =>
      withReader(task.datasetPath, task.nativeBinding, (reader) => buildView(reader, task.spec)),
    (indexes) => [indexes],
  ),
  /**
   * Checks mapped columns over every row of a staged dataset (the mapping step's validation). The
   * outcome bitsets are shared memory: they reach the main thread without a copy, and go on to the
   * combining pass the same way.
   */
  check: defineTask(
    'Validation',
    (task: { datasetPath: string; tasks: ColumnCheckTask[]; shape?: ShapeSpec; nativeBinding?: string }) =>
      withReader(task.datasetPath, task.nativeBinding, (reader) =>
        checkColumns(reader, task.tasks, task.shape),
      ),
  ),
  /** Applies the row rules to the kept column outcomes: which rows are rejected, and why. */
  combine: defineTask(
    'Validation',
    (task: CombineRequest & { datasetPath: string; nativeBinding?: string }) =>
      withReader(task.datasetPath, task.nativeBinding, (reader) => combineDatasetChecks(reader, task)),
    (outcome) => [outcome.rejected, outcome.problemRows],
  ),
  /** The rows a mapping's dedupe steps remove. */
  duplicates: defineTask(
    'Finding duplicates',
    (task: { datasetPath: string; mapping: ImportMapping; nativeBinding?: string }) =>
      withReader(task.datasetPath, task.nativeBinding, (reader) =>
        removedIndexes(datasetDuplicates(reader, task.mapping)),
      ),
    (indexes) => [indexes],
  ),
  /** What a cleanup step would change over every row, before it is applied. */
  stepChanges: defineTask(
    'Counting changes',
    (task: { datasetPath: string; mapping: ImportMapping; step: PreviewableStep; nativeBinding?: string }) =>
      withReader(task.datasetPath, task.nativeBinding, (reader) =>
        countStepChanges(reader, task.mapping, task.step),
      ),
  ),
  /** The customers a customers/events import's rows resolve to, against the workspace's IDs. */
  identities: defineTask(
    'Working out customers',
    (task: {
      datasetPath: string;
      workspaceDir: string;
      mapping: ImportMapping;
      leftOut: Uint32Array;
      nativeBinding?: string;
    }) =>
      withReader(task.datasetPath, task.nativeBinding, (reader) => {
        const workspace = openReadOnlyWorkspace(join(task.workspaceDir, DATABASE_FILE), task.nativeBinding);
        try {
          return previewIdentities(reader, task.mapping, workspace, task.leftOut);
        } finally {
          workspace.close();
        }
      }),
  ),
  /** The fill-down carry-ins of grid rows from anywhere in the file. */
  fillCarries: defineTask(
    'Filling down',
    (task: { datasetPath: string; mapping: ImportMapping; rowNumbers: number[]; nativeBinding?: string }) =>
      withReader(task.datasetPath, task.nativeBinding, (reader) =>
        fillCarries(reader, task.mapping, task.rowNumbers),
      ),
  ),
  /** Processes a run: maps the staged rows and hands them to the run's destination. */
  processRun: defineTask<ProcessTask, Awaited<ReturnType<typeof processRun>>, number>('The run', processRun),
  /** The checkpoint after a run that wrote to the workspace (off the run's clock and the main thread). */
  checkpoint: defineTask('The checkpoint', (task: { workspaceDir: string; nativeBinding?: string }) =>
    checkpointWorkspace(task.workspaceDir, task.nativeBinding),
  ),
};

/** The table's type, for the runner. */
export type IngestTasks = typeof ingestTasks;

/** What the pool posts for one task: which, and its message. */
export interface IngestCall {
  task: keyof IngestTasks;
  message: TaskMessage<unknown>;
}

/**
 * The pool's one entry point: runs the named task of the table. The runner built the message from
 * the same table's types, so the one widening here is the only place a payload is not checked.
 */
export default function runIngestTask({ task, message }: IngestCall): Promise<unknown> {
  const run = ingestTasks[task] as (message: TaskMessage<unknown>) => Promise<unknown>;
  return run(message);
}

function withReader<T>(
  datasetPath: string,
  nativeBinding: string | undefined,
  use: (reader: DatasetReader) => T,
): T {
  const reader = new DatasetReader(datasetPath, nativeBinding);
  try {
    return use(reader);
  } finally {
    reader.close();
  }
}
