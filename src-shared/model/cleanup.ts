import type { z } from 'zod';
import type { DatasetRow } from './dataset';
import type { CleanupStepSchema, EditCellsStepSchema } from '../schemas/cleanup';

/** One cleanup step (DESIGN.md §2: staged rows → cleanup steps → mapping). */
export type CleanupStep = z.infer<typeof CleanupStepSchema>;
/** A step that adds columns to every row (split, merge). */
export type ShapeStep = Extract<CleanupStep, { kind: 'split' | 'merge' }>;
/** A step that removes rows. */
export type DedupeStep = Extract<CleanupStep, { kind: 'dedupe' }>;
/** A step that changes cells of one column (or, for replace, of every column). */
export type CellStep = Exclude<CleanupStep, { kind: 'edit-cells' } | ShapeStep | DedupeStep>;

/** A step whose effect is counted over every row before it is applied (hand edits and dedupe are not). */
export type PreviewableStep = CellStep | ShapeStep;

/** The columns a step adds. */
export function addedColumns(step: CleanupStep): string[] {
  if (step.kind === 'split') return step.into;
  if (step.kind === 'merge') return [step.into];
  return [];
}
/**
 * What fill-down steps carry from one row to the next, one entry per fill-down step (in step
 * order, steps on missing columns left out): the cell of the nearest row above whose value is not
 * blank at that step, or null when there is none yet. A page of rows taken from the middle of the
 * file (or a sorted view's rows) carries each row's own, so it shows the values the run imports.
 */
export type FillCarry = (string | null)[];

/**
 * A staged row with the fill-down carry-in from the rows above it (see FillCarry), and whether a
 * dedupe step removes it (the grid marks it; runs skip it).
 */
export interface FilledRow extends DatasetRow {
  fill?: FillCarry | null;
  removed?: boolean;
}

/** One hand edit: row number, column, the value it replaced, the new value. */
export type CellEdit = z.infer<typeof EditCellsStepSchema>['edits'][number];

/** What a step would change over every staged row, before it is applied. */
export interface StepPreview {
  changedCells: number;
  changedRows: number;
  /** The first changed cells, in row order. */
  examples: { rowNumber: number; column: string; before: string; after: string }[];
}

/** A step in words, as the import's summary and the steps list show it. */
export function describeStep(step: CleanupStep): string {
  switch (step.kind) {
    case 'map-values':
      return `map ${step.column} values (${step.pairs.length})`;
    case 'replace':
      return `replace "${step.find}" in ${step.column ?? 'every column'}`;
    case 'edit-cells':
      return `${step.edits.length} cell edit${step.edits.length === 1 ? '' : 's'}`;
    case 'default':
      return `default "${step.value}" for blank ${step.column}`;
    case 'case':
      return `${step.to} case in ${step.column}`;
    case 'collapse-spaces':
      return `collapse spaces in ${step.column}`;
    case 'remove-characters':
      return `remove "${step.characters}" from ${step.column}`;
    case 'split':
      return `split ${step.column} into ${step.into.join(', ')}`;
    case 'merge':
      return `merge ${step.columns.join(', ')} into ${step.into}`;
    case 'fill-down':
      return `fill down blanks in ${step.column}`;
    case 'dedupe':
      return `dedupe by ${step.columns.join(', ')} (keep ${step.keep})`;
  }
}

/** "3 cleanup steps: map vip values (2), replace "," in credit, 1 cell edit". */
export function describeSteps(steps: readonly CleanupStep[]): string {
  if (steps.length === 0) return 'no cleanup steps';
  return `${steps.length} cleanup step${steps.length === 1 ? '' : 's'}: ${steps.map(describeStep).join(', ')}`;
}
