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
import { dedupeSteps } from '../../../src-shared/cleanup/duplicate-rows';
import { combineChecks } from './combine-checks';

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

/**
 * Validates a mapping over a whole staged dataset: columns are checked in the worker pool and their
 * outcomes kept by what the check depends on, so an edit re-checks only the columns it changed
 * (incremental per column); row rules are then combined here from the kept bitsets.
 */
export class ValidationService {
  private readonly datasets = new Map<string, DatasetChecks>();

  constructor(
    private readonly workspaceDir: string,
    private readonly staging: StagingService,
    /** Checks columns over every row in the worker pool (the host binds it to the pool's check task). */
    private readonly checkInPool: (task: {
      datasetPath: string;
      tasks: ColumnCheckTask[];
      shape?: ShapeSpec;
      nativeBinding?: string;
    }) => JobHandle<ColumnCheckResult[]>,
    private readonly nativeBinding?: string,
    /** Finds the rows dedupe steps remove, in the worker pool. */
    private readonly duplicatesInPool?: (task: {
      datasetPath: string;
      mapping: ImportMapping;
      nativeBinding?: string;
    }) => JobHandle<Uint32Array>,
    /** Counts what a cleanup step would change over every row, in the worker pool. */
    private readonly stepChangesInPool?: (task: {
      datasetPath: string;
      mapping: ImportMapping;
      step: PreviewableStep;
      nativeBinding?: string;
    }) => JobHandle<StepPreview>,
    /** Works out the customers an import's rows resolve to, in the worker pool. */
    private readonly identitiesInPool?: (task: {
      datasetPath: string;
      workspaceDir: string;
      mapping: ImportMapping;
      leftOut: Uint32Array;
      nativeBinding?: string;
    }) => JobHandle<IdentityPreview>,
    /** Finds grid rows' fill-down carry-ins, in the worker pool. */
    private readonly fillCarriesInPool?: (task: {
      datasetPath: string;
      mapping: ImportMapping;
      rowNumbers: number[];
      nativeBinding?: string;
    }) => JobHandle<(FillCarry | null)[]>,
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
    if (dataset.status !== 'ready' || !this.fillCarriesInPool) {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; blanks are filled down once it is ready.`,
        { datasetId },
      );
    }
    return this.fillCarriesInPool({
      datasetPath: datasetFilePath(this.workspaceDir, datasetId),
      mapping,
      rowNumbers,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    }).done;
  }

  /** The customers the rows of a customers or events import resolve to (see IdentityPreview). */
  async previewIdentities(datasetId: string, mapping: ImportMapping): Promise<IdentityPreview> {
    const dataset = this.staging.get(datasetId);
    if (dataset.status !== 'ready' || !this.identitiesInPool) {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; customers are worked out once it is ready.`,
        { datasetId },
      );
    }
    // The validation (its columns kept, so usually no pass at all) says which rows a run leaves
    // out: the preview then reads only the ID columns of the others.
    const { leftOut } = await this.check(datasetId, mapping);
    return this.identitiesInPool({
      datasetPath: datasetFilePath(this.workspaceDir, datasetId),
      workspaceDir: this.workspaceDir,
      mapping,
      leftOut: leftOut(),
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    }).done;
  }

  /** What `step` would change over every row of the dataset, after the mapping's own steps. */
  async previewStep(datasetId: string, mapping: ImportMapping, step: PreviewableStep): Promise<StepPreview> {
    const dataset = this.staging.get(datasetId);
    if (dataset.status !== 'ready' || !this.stepChangesInPool) {
      throw new IntakeError(
        'VALIDATION',
        `Dataset ${datasetId} is ${dataset.status}; steps are counted once it is ready.`,
        {
          datasetId,
        },
      );
    }
    return this.stepChangesInPool({
      datasetPath: datasetFilePath(this.workspaceDir, datasetId),
      mapping,
      step,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
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
    const byIndex = new Map(results.map((result) => [result.index, result]));
    const ragged = rejectsRaggedRows(mapping) ? this.staging.raggedIndexes(datasetId) : new Uint32Array(0);
    const duplicates = await this.duplicates(datasetId, state, mapping);
    const combined = await combineChecks(
      rowRulesOf(mapping),
      byIndex,
      dataset.rowCount,
      this.staging.rowNumberer(datasetId),
      {
        rows: ragged,
        reason: raggedRowReason(mapping.columns.length - addedColumnNames(mapping.cleanup).length),
      },
      duplicates,
    );
    const problemRows = bitsToIndexes(combined.problems);
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
    const steps = dedupeSteps(mapping);
    if (steps.length === 0 || !this.duplicatesInPool) return new Uint32Array(0);
    const keyColumns = new Set(steps.flatMap((step) => step.columns));
    const key = JSON.stringify([
      steps,
      mapping.columns.flatMap((column, index) =>
        keyColumns.has(column.source)
          ? [checkKey(index, columnCheckOf(mapping, { ...column, include: true })!)]
          : [],
      ),
    ]);
    if (state.duplicates?.key !== key) {
      const rows = this.duplicatesInPool({
        datasetPath: datasetFilePath(this.workspaceDir, datasetId),
        mapping,
        ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
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
    const run = this.checkInPool({
      datasetPath: datasetFilePath(this.workspaceDir, datasetId),
      tasks: missing,
      ...(shape ? { shape } : {}),
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
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
