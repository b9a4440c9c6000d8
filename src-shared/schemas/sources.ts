import { z } from 'zod';

/** The longest SQL text a query source accepts (its guards read all of it). */
export const MAX_QUERY_CHARS = 100_000;

/** A query source's text: one SELECT (or WITH … SELECT), checked again in main before it runs. */
const QueryText = z.string().trim().min(1, 'The query is empty.').max(MAX_QUERY_CHARS);

/**
 * Sources the renderer may describe itself. File-like sources arrive by drop, dialog, paste or
 * upload instead, so the renderer never hands main a path.
 */
export const AddSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace'), query: QueryText }).strict(),
]);

/** Every source spec, as stored in import definitions and recipes. */
export const SourceSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('paste'), path: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('upload'), path: z.string().min(1), name: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('workspace'), query: QueryText }).strict(),
]);
