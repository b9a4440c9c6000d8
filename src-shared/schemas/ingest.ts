import { z } from 'zod';
import { DELIMITERS, ENCODINGS, QUOTES } from '../model/dialect';
import { LIMITS } from '../limits';
import { MAX_RAW_LINES_AROUND, RAW_LINES_AROUND } from '../model/raw-lines';

const Id = z.string().min(1).max(64);

/** Dialect bar overrides; unset fields are detected. */
export const DialectOverridesSchema = z
  .object({
    format: z.enum(['csv', 'xml', 'xlsx']).optional(),
    encoding: z.enum(ENCODINGS).optional(),
    delimiter: z.enum(DELIMITERS).optional(),
    hasHeader: z.boolean().optional(),
    quote: z.enum(QUOTES).optional(),
    lenientQuotes: z.boolean().optional(),
    skipLines: z.number().int().min(0).max(10_000).optional(),
    headerRows: z.number().int().min(1).max(3).optional(),
    sheet: z.string().min(1).max(255).optional(),
  })
  .strict();

export const AddPasteSchema = z.object({ text: z.string().min(1, 'The pasted text is empty.') }).strict();
export const AddPathSchema = z.object({ path: z.string().min(1) }).strict();

export const PreviewRequestSchema = z
  .object({
    sourceId: Id,
    overrides: DialectOverridesSchema.default({}),
    rows: z.number().int().min(1).max(LIMITS.maxPreviewRows).default(LIMITS.previewRows),
  })
  .strict();

/** The raw lines around a spot of a source (a parse error's line or row), read with these overrides. */
export const RawLinesRequestSchema = z
  .object({
    sourceId: Id,
    overrides: DialectOverridesSchema.default({}),
    at: z
      .object({
        line: z.number().int().min(1).optional(),
        row: z.number().int().min(1).optional(),
        column: z.number().int().min(1).optional(),
      })
      .strict()
      .refine((at) => at.line === undefined || at.row === undefined, 'Name a line or a row, not both.'),
    around: z.number().int().min(0).max(MAX_RAW_LINES_AROUND).default(RAW_LINES_AROUND),
  })
  .strict();

export const StageRequestSchema = z
  .object({ sourceId: Id, overrides: DialectOverridesSchema.default({}) })
  .strict();

export const DatasetIdSchema = z.object({ datasetId: Id }).strict();
