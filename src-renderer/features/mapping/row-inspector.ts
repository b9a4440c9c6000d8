import {
  CELL,
  checkCell,
  columnCheckOf,
  describeCell,
  type CellOutcome,
} from '../../../src-shared/mapping/column-check';
import { rejectionOf, ruleColumns, rowRulesOf, type RowRule } from '../../../src-shared/mapping/row-rules';
import type { CleanedRow } from '../../../src-shared/cleanup/cleaned-view';
import type { FilledRow } from '../../../src-shared/model/cleanup';
import type { DatasetRow } from '../../../src-shared/model/dataset';
import type { ImportMapping } from '../../../src-shared/model/mapping';

/** What the grid needs to know about one visible row under the current mapping. */
export interface RowVerdict {
  outcomes: (CellOutcome | undefined)[];
  rejection: RowRule | null;
}

/**
 * Checks visible rows with the same shared rules the worker applies to every row, so a highlighted
 * cell and the summary's counts never disagree. Verdicts are cached per row object. Cells are read
 * as the checks read them: hand edits applied, blanks filled down, split and merge columns added
 * (`view`, the grid's cleaned view); each column's check applies its own steps.
 */
export function createRowInspector(mapping: ImportMapping, view: (row: DatasetRow) => CleanedRow) {
  const checks = mapping.columns.map((column) => columnCheckOf(mapping, column));
  const rules = rowRulesOf(mapping);
  const cache = new WeakMap<DatasetRow, RowVerdict>();

  function verdict(row: DatasetRow): RowVerdict {
    let found = cache.get(row);
    if (!found) {
      // The cheap check per cell; only a hovered cell's tooltip asks describeCell for the words.
      const cells = view(row).edited;
      const outcomes = checks.map((check, index) =>
        check ? checkCell(check, cells[index] ?? '') : undefined,
      );
      found = { outcomes, rejection: rejectionOf(rules, outcomes) };
      cache.set(row, found);
    }
    return found;
  }

  return {
    verdict,
    /** The cell's class: removed row, invalid (its value fails), blamed (it is why the row is rejected), warning. */
    cellClass(row: FilledRow, index: number): string | undefined {
      // A removed row is not imported: whether its values would pass says nothing.
      if (row.removed) return 'cell--removed';
      const { outcomes, rejection } = verdict(row);
      const outcome = outcomes[index];
      if (outcome === CELL.invalid || outcome === CELL.tooLong) return 'cell--invalid';
      if (rejection && ruleColumns(rejection).includes(index)) return 'cell--invalid';
      if (outcome === CELL.warning) return 'cell--warning';
      return undefined;
    },
    cellTitle(row: DatasetRow, index: number): string | undefined {
      const check = checks[index];
      const raw = view(row).edited[index] ?? '';
      if (!check) return raw;
      const { outcome, message } = describeCell(check, raw);
      return outcome === CELL.ok || outcome === CELL.empty ? raw : `${raw}\n⚠ ${message ?? ''}`;
    },
    /** Removed by a dedupe step (neither imported nor rejected), rejected, or nothing to say. */
    rowClass(row: FilledRow): string | undefined {
      if (row.removed) return 'row--removed';
      return verdict(row).rejection ? 'row--rejected' : undefined;
    },
    rowTitle(row: FilledRow): string | undefined {
      if (row.removed) return 'Removed as a duplicate by the Remove duplicates step: not imported';
      const { rejection } = verdict(row);
      return rejection ? `Rejected: ${rejection.reason}` : undefined;
    },
  };
}

export type RowInspector = ReturnType<typeof createRowInspector>;
