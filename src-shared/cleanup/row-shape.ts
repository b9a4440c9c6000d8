import { addedColumns, type CleanupStep, type ShapeStep } from '../model/cleanup';
import { cellCleaner, stepsForColumn } from './cell-steps';

/**
 * How split and merge steps extend every row: the file's columns first, then each added column, in
 * step order. An added column is computed from its sources' cleaned values (each source column's
 * own steps applied first), so "split name" splits the name as it will import.
 */
export interface RowShape {
  /** How many of the columns are the file's own. */
  sourceWidth: number;
  /** The file's columns and the added ones. */
  names: string[];
  /**
   * A row of the file's cells with the added cells after them. `made(row, from)` hears the row
   * after its file's cells are taken (from 0) and after each step adds its cells (from the first
   * added): fill-down fills a column there, before any later column is made from it.
   */
  extend(cells: readonly string[], made?: (row: string[], from: number) => void): string[];
}

export function isShapeStep(step: CleanupStep): step is ShapeStep {
  return step.kind === 'split' || step.kind === 'merge';
}

/** The columns all split and merge steps add, in order. */
export function addedColumnNames(cleanup: readonly CleanupStep[] | undefined): string[] {
  return (cleanup ?? []).filter(isShapeStep).flatMap(addedColumns);
}

/**
 * The shape of rows under these steps, `names` being every column of the mapping (the file's, then
 * the added ones); null when no step adds a column.
 */
export function rowShape(
  names: readonly string[],
  cleanup: readonly CleanupStep[] | undefined,
): RowShape | null {
  const steps = (cleanup ?? []).filter(isShapeStep);
  if (steps.length === 0) return null;
  const sourceWidth = names.length - steps.flatMap(addedColumns).length;
  const cleaners = names.map((name) => cellCleaner(stepsForColumn(cleanup, name)));
  const value = (row: readonly string[], name: string) => {
    const index = names.indexOf(name);
    return index === -1 ? '' : cleaners[index]!(row[index] ?? '');
  };
  const derive = steps.map((step) => {
    if (step.kind === 'merge') {
      return (row: readonly string[]) => [
        step.columns
          .map((name) => value(row, name).trim())
          .filter((text) => text !== '')
          .join(step.separator),
      ];
    }
    const cut = splitter(step);
    return (row: readonly string[]) => cut(value(row, step.column));
  });
  return {
    sourceWidth,
    names: [...names],
    extend(cells, made) {
      const row = cells.slice(0, sourceWidth);
      while (row.length < sourceWidth) row.push('');
      made?.(row, 0);
      for (const add of derive) {
        const from = row.length;
        row.push(...add(row));
        made?.(row, from);
      }
      return row;
    },
  };
}

/**
 * A split step as a function: the value cut at the first separators into as many parts as the
 * step names, the last taking the rest; parts trimmed; missing parts blank. A separator of spaces
 * matches any run of whitespace.
 */
export function splitter(step: Extract<ShapeStep, { kind: 'split' }>): (value: string) => string[] {
  const pattern = step.regex
    ? new RegExp(step.separator, 'u')
    : step.separator.trim() === ''
      ? /\s+/u
      : new RegExp(step.separator.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'u');
  const count = step.into.length;
  return (value) => {
    const parts: string[] = [];
    let rest = value.trim();
    while (parts.length < count - 1) {
      const match = rest === '' ? null : pattern.exec(rest);
      if (!match || match[0] === '') {
        parts.push(rest);
        rest = '';
        continue;
      }
      parts.push(rest.slice(0, match.index).trim());
      rest = rest.slice(match.index + match[0].length);
    }
    parts.push(rest.trim());
    return parts;
  };
}
