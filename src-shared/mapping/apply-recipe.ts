import type { CleanupStep } from '../model/cleanup';
import { addedColumnNames } from '../cleanup/row-shape';
import type { ImportMapping } from '../model/mapping';

/** A recipe's mapping fitted to a file's header, and what did not fit. */
export interface AppliedRecipe {
  mapping: ImportMapping;
  /** Recipe columns the file does not have. */
  missing: string[];
  /** File columns the recipe does not mention (they keep the current mapping). */
  unmapped: string[];
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Applies a saved mapping to a file by column name (case and surrounding spaces ignored), so a
 * recipe still fits when columns moved; columns it does not know keep their current mapping.
 */
export function applyRecipe(current: ImportMapping, recipe: ImportMapping): AppliedRecipe {
  // Columns the recipe's split and merge steps add are not the file's: they come after, as saved.
  const added = new Set(addedColumnNames(recipe.cleanup).map(key));
  const fileColumns = current.columns.filter((column) => !added.has(key(column.source)));
  const byName = new Map(
    recipe.columns
      .filter((column) => !added.has(key(column.source)))
      .map((column) => [key(column.source), column]),
  );
  const used = new Set<string>();
  const unmapped: string[] = [];
  const matched = fileColumns.map((column) => {
    const saved = byName.get(key(column.source));
    if (!saved || used.has(key(column.source))) {
      unmapped.push(column.source);
      return column;
    }
    used.add(key(column.source));
    return { ...saved, source: column.source };
  });
  const missing = recipe.columns
    .filter((column) => !used.has(key(column.source)) && !added.has(key(column.source)))
    .map((column) => column.source);
  const columns = [...matched, ...recipe.columns.filter((column) => added.has(key(column.source)))];
  // Cleanup steps name columns as the recipe's header had them: renamed to this file's spelling.
  const spelled = new Map(columns.map((column) => [key(column.source), column.source]));
  const rename = (name: string) => spelled.get(key(name)) ?? name;
  const cleanup = recipe.cleanup?.map((step) => renameStep(step, rename));
  return {
    mapping: {
      importType: recipe.importType,
      options: recipe.options,
      statics: recipe.statics,
      columns,
      ...(cleanup ? { cleanup } : {}),
    },
    missing,
    unmapped,
  };
}

function renameStep(step: CleanupStep, rename: (name: string) => string): CleanupStep {
  if (step.kind === 'edit-cells')
    return { ...step, edits: step.edits.map((edit) => ({ ...edit, column: rename(edit.column) })) };
  if (step.kind === 'merge' || step.kind === 'dedupe') return { ...step, columns: step.columns.map(rename) };
  if (step.column === null) return step;
  return { ...step, column: rename(step.column) };
}
