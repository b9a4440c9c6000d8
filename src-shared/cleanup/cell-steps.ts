import type { CellStep, CleanupStep } from '../model/cleanup';

/** A column's cleanup steps as one function from a cell's text to its cleaned text. */
export type CellCleaner = (value: string) => string;

/** The steps that change cells of the column named `column`, in order (replace-everywhere included). */
export function stepsForColumn(steps: readonly CleanupStep[] | undefined, column: string): CellStep[] {
  return (steps ?? []).filter(
    (step): step is CellStep =>
      step.kind !== 'edit-cells' &&
      step.kind !== 'split' &&
      step.kind !== 'merge' &&
      step.kind !== 'dedupe' &&
      (step.column === column || (step.kind === 'replace' && step.column === null)),
  );
}

/** The hand edits of the column named `column`, as [row number, old value, new value]. */
export function editsForColumn(
  steps: readonly CleanupStep[] | undefined,
  column: string,
): [number, string, string][] {
  const edits: [number, string, string][] = [];
  for (const step of steps ?? []) {
    if (step.kind !== 'edit-cells') continue;
    for (const edit of step.edits) if (edit.column === column) edits.push([edit.row, edit.old, edit.value]);
  }
  return edits;
}

// Compiled once per steps array: a check is built once and its steps read for every row.
const compiled = new WeakMap<readonly CellStep[], CellCleaner>();

/** The steps as one function (compiled once per array; the identity when there are none). */
export function cellCleaner(steps: readonly CellStep[]): CellCleaner {
  let cleaner = compiled.get(steps);
  if (!cleaner) {
    const parts = steps.map(compileStep);
    cleaner = parts.length === 0 ? identity : (value) => parts.reduce((text, part) => part(text), value);
    compiled.set(steps, cleaner);
  }
  return cleaner;
}

const identity: CellCleaner = (value) => value;

function compileStep(step: CellStep): CellCleaner {
  switch (step.kind) {
    case 'map-values': {
      const key = (value: string) => (step.caseSensitive ? value.trim() : value.trim().toLowerCase());
      const targets = new Map(step.pairs.map(([from, to]) => [key(from), to]));
      return (value) => targets.get(key(value)) ?? value;
    }
    case 'replace': {
      const pattern = replacePattern(step);
      // Plain text is replaced as it is: `$` in it means no group.
      return step.regex
        ? (value) => value.replace(pattern, step.replace)
        : (value) => value.replace(pattern, () => step.replace);
    }
    case 'default':
      return (value) => (value.trim() === '' ? step.value : value);
    case 'case':
      if (step.to === 'upper') return (value) => value.toUpperCase();
      if (step.to === 'lower') return (value) => value.toLowerCase();
      return (value) =>
        value
          .toLowerCase()
          .replace(
            /(^|[\s\-'(])(\p{L})/gu,
            (_, before: string, letter: string) => before + letter.toUpperCase(),
          );
    case 'collapse-spaces':
      return (value) => value.replace(/[\s\u00a0]+/g, ' ').trim();
    case 'remove-characters': {
      const remove = new RegExp(`[${[...step.characters].map(escapeClassCharacter).join('')}]`, 'gu');
      return (value) => value.replace(remove, '');
    }
    case 'fill-down':
      // Reads other rows, so it cannot act on one cell: the row's cell is swapped for the cell of
      // the row it fills from before the steps run (fill-down.ts), and here it changes nothing.
      return identity;
  }
}

/** A replace step's pattern (global); a regular expression that does not compile throws. */
export function replacePattern(step: Extract<CellStep, { kind: 'replace' }>): RegExp {
  const flags = step.caseSensitive ? 'gu' : 'giu';
  return new RegExp(step.regex ? step.find : escapeRegExp(step.find), flags);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClassCharacter(character: string): string {
  return /[\\\]^-]/.test(character) ? `\\${character}` : character;
}

/** One hand edit of a row: the column's index, the value it replaced, the new value. */
export interface RowEdit {
  column: number;
  old: string;
  value: string;
}

/** Hand edits by row number, for applying them to a row as it is read. */
export type EditsByRow = Map<number, RowEdit[]>;

/** Adds a column's edits ([row number, old, new], as a check carries them) to `byRow`. */
export function addColumnEdits(
  byRow: EditsByRow,
  column: number,
  edits: readonly [number, string, string][],
): void {
  for (const [row, old, value] of edits) {
    const list = byRow.get(row) ?? [];
    list.push({ column, old, value });
    byRow.set(row, list);
  }
}

/** Every column's hand edits by row number (`names`: the mapping's columns, in order). */
export function editsByRow(names: readonly string[], steps: readonly CleanupStep[] | undefined): EditsByRow {
  const byRow: EditsByRow = new Map();
  names.forEach((name, index) => addColumnEdits(byRow, index, editsForColumn(steps, name)));
  return byRow;
}

/**
 * The row with its hand edits applied: an edit applies only where the cell still holds the value it
 * replaced (a changed file never gets an edit meant for another row); `onSkipped` hears the others.
 */
export function applyEdits(
  cells: readonly string[],
  edits: readonly RowEdit[] | undefined,
  onSkipped?: (column: number, found: string) => void,
): readonly string[] {
  if (!edits) return cells;
  let edited: string[] | null = null;
  for (const edit of edits) {
    const found = cells[edit.column] ?? '';
    if (found !== edit.old) {
      onSkipped?.(edit.column, found);
      continue;
    }
    edited ??= [...cells];
    edited[edit.column] = edit.value;
  }
  return edited ?? cells;
}

/**
 * Why `pattern` is not a regular expression JavaScript reads (with the `u` flag steps use), or null.
 * One check for the schema that refuses a saved step and the dialogs that say it as you type.
 */
export function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
