import type { MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';

/**
 * What applying a batch did. Every record counts exactly once (imported + updated + deduplicated +
 * rejected = records), so a run's totals add up to the rows it read past the mapping.
 */
export interface ApplyCounts {
  imported: number;
  updated: number;
  deduplicated: number;
  rejected: RowReject[];
  /** Things the run summary should say that are not a row's fault (a catalog's fixed kind). */
  warnings: string[];
}

/**
 * Applies batches of one import's mapped records to the workspace, in file order. It never opens a
 * transaction: the caller wraps the whole run in one, so a cancel or a kill leaves no partial rows.
 */
export interface RecordApplier {
  apply(records: readonly MappedRecord[], processedAt: Date | number): ApplyCounts;
}

/** Counts of a batch before any record is applied. */
export function emptyCounts(): ApplyCounts {
  return { imported: 0, updated: 0, deduplicated: 0, rejected: [], warnings: [] };
}
