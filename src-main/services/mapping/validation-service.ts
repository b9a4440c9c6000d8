import { IntakeError } from '../../../src-shared/errors';
import { checkKey, columnCheckOf, type ColumnCheck } from '../../../src-shared/mapping/column-check';
import { raggedRowReason, rejectsRaggedRows, rowRulesOf } from '../../../src-shared/mapping/row-rules';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { FillCarry, PreviewableStep, StepPreview } from '../../../src-shared/model/cleanup';
import type { ColumnValidation, ValidationSummary } from '../../../src-shared/model/validation';
import type { IdentityPreview } from '../../../src-shared/model/identity-preview';
import type { JobHandle } from '../jobs/job';
import { datasetFilePath } from '../stage/dataset-file';
import type { StagingService } from '../stage/staging-service';
import { bitsToIndexes, setBit } from './bitset';
import { shapeSpecOf, type ColumnCheckResult, type ColumnCheckTask, type ShapeSpec } from './check-columns';
import { addedColumnNames } from '../../../src-shared/cleanup/row-shape';
import { dedupeKey, dedupeSteps } from '../../../src-shared/cleanup/duplicate-rows';
import type { CombinedOutcome, CombineRequest } from './combine-checks';

interface DatasetChecks {
  results: Map<string, Promise<ColumnCheckResult>>;
  problemRows: Uint32Array | null;
  /** The newest validation started; only its answer may set problemRows (answers can finish out of order). */
  latest: number;
  /** The rows the dedupe steps remove, by what decides them. */
  duplicates?: { key: string; rows: Promise<Uint32Array> };
}

/** Memory for kept column outcomes per dataset (4 bits per row each); least recently used go first. */
const KEPT_BYTES = 128 * 1024 * 1024;

/** Whether a key is kept; if so it becomes the most recently used. */
function touch<V>(map: Map<string, V>, key: string): boolean {
  const value = map.get(key);
  if (value === undefined) return false;
  map.delete(key);
  map.set(key, value);
  return true;
}

/** A pass's payload: which dataset, and the native binding workers open it with. */
type DatasetTask<T> = T & { datasetPath: string; nativeBinding?: string };

/** The passes validation runs in the worker pool, over every staged row. */
export interface ValidationPool {
  /** Checks columns: each one's outcome bitsets, counts, examples and profile. */
  check(task: DatasetTask<{ tasks: ColumnCheckTask[]; shape?: ShapeSpec }>): JobHandle<ColumnCheckResult[]>;
  /** Applies the row rules to kept outcomes (the main thread only posts the request). */
  combine(task: DatasetTask<CombineRequest>): JobHandle<CombinedOutcome>;
  /** The rows dedupe steps remove. */
  duplicates(task: DatasetTask<{ mapping: ImportMapping }>): JobHandle<Uint32Array>;
  /** What a cleanup step would change. */
  stepChanges(task: DatasetTask<{ mapping: ImportMapping; step: PreviewableStep }>): JobHandle<StepPreview>;
  /** The customers an import's rows resolve to. */
  identities(
    task: DatasetTask<{ workspaceDir: string; mapping: ImportMapping; leftOut: Uint32Array }>,
  ): JobHandle<IdentityPreview>;
  /** Grid rows' fill-down carry-ins. */
  fillCarries(
    task: DatasetTask<{ mapping: ImportMapping; rowNumbers: number[] }>,
  ): JobHandle<(FillCarry | null)[]>;
}

/**
 * Validates a mapping over a whole staged dataset: columns are checked in the worker pool and their
 * outcomes kept by what the check depends on, so an edit re-checks only the columns it changed
 * (incremental per column); row rules are then combined from the kept bitsets, also in the pool.
 */
export class ValidationService {
  private readonly datasets = new Map<string, DatasetChecks>();

  constructor(
    private readonly workspaceDir: string,
    private readonly staging: StagingService,
    /** The worker pool's passes (the host binds each to its pool task). */
    private readonly pool: ValidationPool,
    private readonly nativeBinding?: string,
  ) {}

  /** Each row's fill-down carry-in (rows by the numbers the source shows; null for one it lacks). */
  async fillCarries(
    datasetId: string,
    mapping: ImportMapping,
    rowNumbers: number[],
  ): Promise<(FillCarry | null)[]> {
    // Without a fill-down step there is nothing to carry, and nothing to read.
    if (!(mapping.cleanup ?? []).some((step) => step.kind === 'fill-down')) return rowNumbers.map(() => []);
    const dataset = this.staging.get(datasetId);
    if (dataset.status !== 'ready') {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; blanks are filled down once it is ready.`,
        { datasetId },
      );
    }
    return this.pool.fillCarries({
      ...this.datasetTask(datasetId),
      mapping,
      rowNumbers,
    }).done;
  }

  /**
   * Which of the rows (by the numbers the source shows) the mapping's dedupe steps remove, for the
   * grid to mark: the pass that counts them for the live validation, kept, answers it.
   */
  async removedRows(datasetId: string, mapping: ImportMapping, rowNumbers: number[]): Promise<boolean[]> {
    if (dedupeSteps(mapping).length === 0) return rowNumbers.map(() => false);
    const dataset = this.staging.get(datasetId);
    if (dataset.status !== 'ready') {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; duplicates are found once it is ready.`,
        { datasetId },
      );
    }
    const removed = await this.duplicates(datasetId, this.stateOf(datasetId), mapping);
    return rowNumbers.map((rowNumber) => {
      const index = this.staging.indexOfRowNumber(datasetId, rowNumber);
      return index !== -1 && sortedIncludes(removed, index);
    });
  }

  /** The customers the rows of a customers or events import resolve to (see IdentityPreview). */
  async previewIdentities(datasetId: string, mapping: ImportMapping): Promise<IdentityPreview> {
    const dataset = this.staging.get(datasetId);
    if (dataset.status !== 'ready') {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; customers are worked out once it is ready.`,
        { datasetId },
      );
    }
    // The validation (its columns kept, so usually no pass at all) says which rows a run leaves
    // out: the preview then reads only the ID columns of the others.
    const { leftOut } = await this.check(datasetId, mapping);
    return this.pool.identities({
      ...this.datasetTask(datasetId),
      workspaceDir: this.workspaceDir,
      mapping,
      leftOut: leftOut(),
    }).done;
  }

  /** What `step` would change over every row of the dataset, after the mapping's own steps. */
  async previewStep(datasetId: string, mapping: ImportMapping, step: PreviewableStep): Promise<StepPreview> {
    const dataset = this.staging.get(datasetId);
    if (dataset.status !== 'ready') {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; steps are counted once it is ready.`,
        {
          datasetId,
        },
      );
    }
    return this.pool.stepChanges({
      ...this.datasetTask(datasetId),
      mapping,
      step,
    }).done;
  }

  async validate(datasetId: string, mapping: ImportMapping): Promise<ValidationSummary> {
    return (await this.check(datasetId, mapping)).summary;
  }

  /** The validation, and the rows it leaves out: rejected by a rule, or removed by a dedupe step. */
  private async check(
    datasetId: string,
    mapping: ImportMapping,
  ): Promise<{ summary: ValidationSummary; leftOut: () => Uint32Array }> {
    const started = performance.now();
    const dataset = this.staging.get(datasetId);
    if (dataset.status !== 'ready') {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; it can be validated once it is ready.`,
        {
          datasetId,
        },
      );
    }
    const added = addedColumnNames(mapping.cleanup).length;
    if (mapping.columns.length !== dataset.columns.length + added) {
      throw new IntakeError(
        'VALIDATION',
        `The mapping has ${mapping.columns.length} columns but the dataset has ${dataset.columns.length}${added ? ` and its cleanup steps add ${added}` : ''}.`,
        { datasetId },
      );
    }
    const state = this.stateOf(datasetId);
    const generation = ++state.latest;
    const tasks = mapping.columns.map<ColumnCheckTask>((column, index) => {
      const check = columnCheckOf(mapping, column);
      const profileCheck: ColumnCheck = check ?? columnCheckOf(mapping, { ...column, include: true })!;
      // A dropped column is only profiled: its key differs from the same column checked.
      return {
        index,
        key: check ? checkKey(index, check) : `profile:${checkKey(index, profileCheck)}`,
        check,
        profileCheck,
      };
    });
    const missing = tasks.filter((task) => !touch(state.results, task.key));
    if (missing.length) this.launch(datasetId, state, missing, mapping);
    const budget = Math.max(tasks.length * 2, Math.floor(KEPT_BYTES / Math.max(1, dataset.rowCount / 2)));
    while (state.results.size > budget) state.results.delete(state.results.keys().next().value!);
    const results = await Promise.all(tasks.map((task) => state.results.get(task.key)!));
    const duplicates = await this.duplicates(datasetId, state, mapping);
    const combined = await this.pool.combine({
      ...this.datasetTask(datasetId),
      rules: rowRulesOf(mapping),
      // Only the bitsets: they are shared memory, so nothing is copied.
      columns: results.map(({ index, checked, empty, invalid, tooLong, warning }) => ({
        index,
        checked,
        empty,
        invalid,
        tooLong,
        warning,
      })),
      raggedReason: rejectsRaggedRows(mapping)
        ? raggedRowReason(mapping.columns.length - addedColumnNames(mapping.cleanup).length)
        : null,
      removedRows: duplicates,
    }).done;
    const { problemRows } = combined;
    // An older mapping's pass finishing late must not replace a newer one's rows, nor revive a dropped dataset.
    if (state.latest === generation && this.datasets.get(datasetId) === state)
      state.problemRows = problemRows;
    const rejectedRows = combined.reasons.reduce((sum, reason) => sum + reason.count, 0);
    const leftOut = () => {
      const bits = Uint32Array.from(combined.rejected);
      for (const index of duplicates) setBit(bits, index);
      return bitsToIndexes(bits);
    };
    const summary: ValidationSummary = {
      datasetId,
      rowCount: dataset.rowCount,
      importRows: dataset.rowCount - rejectedRows - combined.removed,
      rejectedRows,
      duplicateRows: combined.removed,
      problemRows: problemRows.length,
      reasons: combined.reasons,
      columns: results.map(toColumnValidation),
      checkedColumns: missing.length,
      reusedColumns: tasks.length - missing.length,
      elapsedMs: Math.round(performance.now() - started),
    };
    return { summary, leftOut };
  }

  /**
   * The rows the mapping's dedupe steps remove, from a pass in the pool, kept by what decides them
   * (the steps and the key columns' checks) so other edits do not pay for the pass again.
   */
  private async duplicates(
    datasetId: string,
    state: DatasetChecks,
    mapping: ImportMapping,
  ): Promise<Uint32Array> {
    const key = dedupeKey(mapping);
    if (key === '') return new Uint32Array(0);
    if (state.duplicates?.key !== key) {
      const rows = this.pool.duplicates({
        ...this.datasetTask(datasetId),
        mapping,
      }).done;
      rows.catch(() => {
        if (state.duplicates?.key === key) state.duplicates = undefined;
      });
      state.duplicates = { key, rows };
    }
    return state.duplicates.rows;
  }

  /** The row indexes of the last validation's problem rows, for the grid's "problems only" filter. */
  problemRows(datasetId: string): Uint32Array {
    const rows = this.datasets.get(datasetId)?.problemRows;
    if (!rows) {
      throw new IntakeError('VALIDATION', 'The mapping of this dataset has not been validated yet.', {
        datasetId,
      });
    }
    return rows;
  }

  /** Forgets a dataset's checks (it was dropped). */
  forget(datasetId: string): void {
    this.datasets.delete(datasetId);
  }

  /** Where a pool pass finds the dataset, and the native binding it opens it with. */
  private datasetTask(datasetId: string): DatasetTask<object> {
    return {
      datasetPath: datasetFilePath(this.workspaceDir, datasetId),
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    };
  }

  private stateOf(datasetId: string): DatasetChecks {
    let state = this.datasets.get(datasetId);
    if (!state) {
      state = { results: new Map(), problemRows: null, latest: 0 };
      this.datasets.set(datasetId, state);
    }
    return state;
  }

  /** Checks the missing columns in one pass over the rows; each column's promise is kept under its key. */
  private launch(
    datasetId: string,
    state: DatasetChecks,
    missing: ColumnCheckTask[],
    mapping: ImportMapping,
  ): void {
    const shape = shapeSpecOf(mapping);
    const run = this.pool.check({
      ...this.datasetTask(datasetId),
      tasks: missing,
      ...(shape ? { shape } : {}),
    }).done;
    for (const task of missing) {
      const promise = run.then((results) => results.find((result) => result.key === task.key)!);
      promise.catch(() => state.results.delete(task.key));
      state.results.set(task.key, promise);
    }
  }
}

function toColumnValidation(result: ColumnCheckResult): ColumnValidation {
  return {
    index: result.index,
    checked: result.checked,
    empty: result.counts.empty,
    invalid: result.counts.invalid,
    tooLong: result.counts.tooLong,
    warnings: result.counts.warning,
    examples: result.examples,
    warningExamples: result.warningExamples,
    profile: result.profile,
  };
}

/** Whether the ascending `indexes` hold `index` (a binary search). */
function sortedIncludes(indexes: Uint32Array, index: number): boolean {
  let low = 0;
  let high = indexes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (indexes[middle] === index) return true;
    if (indexes[middle]! < index) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
