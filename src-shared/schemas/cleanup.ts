import { regexProblem } from '../cleanup/cell-steps';
import { z } from 'zod';

/** A source column a step works on, by its header name (recipes match columns by name). */
const Column = z.string().max(1024);

/** Map listed values to others: `ano → true`, `N/A → ` (blank), `Praha → Prague`. */
export const MapValuesStepSchema = z
  .object({
    kind: z.literal('map-values'),
    column: Column,
    /** [from, to] pairs; `from` is matched after surrounding spaces are trimmed. */
    pairs: z
      .array(z.tuple([z.string().max(28_672), z.string().max(28_672)]))
      .min(1)
      .max(10_000),
    caseSensitive: z.boolean(),
  })
  .strict();

/** Find and replace in one column or every column: plain text, or a regular expression with $1 groups. */
export const ReplaceStepSchema = z
  .object({
    kind: z.literal('replace'),
    /** Null: every column. */
    column: Column.nullable(),
    find: z.string().min(1, 'Say what to find.').max(1000),
    replace: z.string().max(1000),
    regex: z.boolean(),
    caseSensitive: z.boolean(),
  })
  .strict()
  .superRefine((step, context) => {
    const problem = step.regex ? regexProblem(step.find) : null;
    if (problem === null) return;
    context.addIssue({
      code: 'custom',
      path: ['find'],
      message: `"${step.find}" is not a regular expression JavaScript reads: ${problem}`,
    });
  });

/** Cells changed by hand, each kept with the value it replaced so a changed file never gets it wrong. */
export const EditCellsStepSchema = z
  .object({
    kind: z.literal('edit-cells'),
    edits: z
      .array(
        z
          .object({
            /** The row number as the source shows it. */
            row: z.number().int().min(1),
            column: Column,
            old: z.string().max(28_672),
            value: z.string().max(28_672),
          })
          .strict(),
      )
      .min(1)
      .max(10_000),
  })
  .strict();

/** A value for the column's blank cells. */
export const DefaultStepSchema = z
  .object({ kind: z.literal('default'), column: Column, value: z.string().min(1).max(28_672) })
  .strict();

/** Upper, lower or title case. */
export const CaseStepSchema = z
  .object({ kind: z.literal('case'), column: Column, to: z.enum(['upper', 'lower', 'title']) })
  .strict();

/** Runs of spaces (tabs, non-breaking spaces) become one space; ends are trimmed. */
export const CollapseSpacesStepSchema = z
  .object({ kind: z.literal('collapse-spaces'), column: Column })
  .strict();

/** Every occurrence of the listed characters is removed (`+ ()-` from phone numbers). */
export const RemoveCharactersStepSchema = z
  .object({ kind: z.literal('remove-characters'), column: Column, characters: z.string().min(1).max(100) })
  .strict();

/**
 * A blank cell takes the value of the nearest non-blank cell above it in file order (a report's
 * grouped rows, where a value is written once for the rows under it). Rows removed by dedupe still
 * pass their value on: fill down reads the file's order, not the import's.
 */
export const FillDownStepSchema = z.object({ kind: z.literal('fill-down'), column: Column }).strict();

/** A name for a column a step adds. */
const NewColumn = z.string().trim().min(1, 'A new column needs a name.').max(1024);

/**
 * Splits a column at a separator (or a regular expression) into new columns; the last takes the
 * rest ("Jan Novák Jr" into first and last: "Jan", "Novák Jr"). The column itself stays.
 */
export const SplitStepSchema = z
  .object({
    kind: z.literal('split'),
    column: Column,
    separator: z.string().min(1, 'Say what to split at.').max(100),
    regex: z.boolean(),
    into: z.array(NewColumn).min(2).max(10),
  })
  .strict();

/** Joins columns' non-blank values with a separator into a new column. */
export const MergeStepSchema = z
  .object({
    kind: z.literal('merge'),
    columns: z.array(Column).min(2).max(10),
    separator: z.string().max(100),
    into: NewColumn,
  })
  .strict();

/**
 * Rows whose values in the key columns (as they will import) equal an earlier row's are removed
 * (keep first), or those of a later row's (keep last). Rows blank in every key column stay.
 */
export const DedupeStepSchema = z
  .object({
    kind: z.literal('dedupe'),
    columns: z.array(Column).min(1).max(10),
    keep: z.enum(['first', 'last']),
  })
  .strict();

/** One cleanup step, applied to every staged row before the mapping reads it. */
export const CleanupStepSchema = z.discriminatedUnion('kind', [
  DedupeStepSchema,
  SplitStepSchema,
  MergeStepSchema,
  MapValuesStepSchema,
  ReplaceStepSchema,
  EditCellsStepSchema,
  DefaultStepSchema,
  CaseStepSchema,
  CollapseSpacesStepSchema,
  RemoveCharactersStepSchema,
  FillDownStepSchema,
]);

export const CleanupStepsSchema = z.array(CleanupStepSchema).max(200);
