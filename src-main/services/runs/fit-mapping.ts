import { IntakeError } from '../../../src-shared/errors';
import { applyRecipe } from '../../../src-shared/mapping/apply-recipe';
import { blockingReason, requirementsOf } from '../../../src-shared/mapping/requirements';
import { plainColumn } from '../../../src-shared/mapping/initial-mapping';
import type { ImportMapping } from '../../../src-shared/model/mapping';

/** An import's mapping fitted to the columns a run actually read, and what the summary should say. */
export interface FittedMapping {
  mapping: ImportMapping;
  warnings: string[];
}

/**
 * Fits a saved mapping to the columns of the file a run read, by column name (files change: a
 * column moves, one is added). A column the mapping uses but the file lacks fails the run, naming
 * it; a column the mapping never saw is left out and said in the summary; a mapping that no longer
 * meets its import type's requirements fails with the first unmet one.
 */
export function fitMapping(saved: ImportMapping, columns: readonly string[]): FittedMapping {
  // A column the saved mapping does not know is left out (said in the summary, not imported).
  const base: ImportMapping = {
    ...saved,
    columns: columns.map((name) => ({ ...plainColumn(name, 'text'), include: false })),
  };
  const { mapping, missing, unmapped } = applyRecipe(base, saved);
  // A tagged column (an ID is not imported as an attribute) is used as much as an included one.
  const missingUsed = saved.columns.filter(
    (column) => (column.include || column.role !== null) && missing.includes(column.source),
  );
  if (missingUsed.length > 0) {
    const names = missingUsed.map((column) => `"${column.source}"`).join(', ');
    throw new IntakeError(
      'VALIDATION',
      `The file has no column ${names}, which the import maps. Its columns are: ${columns.join(', ')}.`,
      { missing: missingUsed.map((column) => column.source) },
    );
  }
  const reason = blockingReason(requirementsOf(mapping));
  if (reason) throw new IntakeError('VALIDATION', `The import cannot run: ${reason}`, { field: 'mapping' });
  const warnings = unmapped.map(
    (name) => `Column "${name}" is new in this file and was not imported; edit the import to map it.`,
  );
  return { mapping, warnings };
}
