import { z } from 'zod';
import { SELECTION_RULES } from '../model/source';

/** The longest SQL text a query source accepts (its guards read all of it). */
export const MAX_QUERY_CHARS = 100_000;

/** A query source's text: one SELECT (or WITH … SELECT), checked again in main before it runs. */
const QueryText = z.string().trim().min(1, 'The query is empty.').max(MAX_QUERY_CHARS);

const Id = z.string().min(1).max(64);

/** An HTTP(S) address. */
const UrlText = z
  .string()
  .trim()
  .max(8_192)
  .refine((text) => /^https?:\/\/[^\s]+$/i.test(text), 'The address must start with http:// or https://.');

const UrlSpec = z
  .object({ kind: z.literal('url'), url: UrlText, connectionId: Id.nullable().default(null) })
  .strict();
const SqlSpec = z.object({ kind: z.literal('sql'), connectionId: Id, query: QueryText }).strict();
const StorageSpec = z
  .object({
    kind: z.literal('storage'),
    connectionId: Id,
    /** A file, or the folder or prefix the pattern searches; empty is the root. */
    path: z.string().trim().max(4_096).default(''),
    /** A regular expression between slashes (`/export_[0-9]+\.csv/`); checked again in main. */
    match: z.string().max(1_024).nullable().default(null),
    select: z.enum(SELECTION_RULES).default('last-modified'),
    file: z.string().max(4_096).optional(),
  })
  .strict();

/**
 * Sources the renderer may describe itself. File-like sources arrive by drop, dialog, paste or
 * upload instead, so the renderer never hands main a path.
 */
export const AddSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace'), query: QueryText }).strict(),
  UrlSpec,
  SqlSpec,
  StorageSpec,
]);

/** A registered storage source, and optionally the import whose memory marks files as imported. */
export const SourceIdSchema = z.object({ sourceId: Id }).strict();

export const SourceFilesSchema = z.object({ sourceId: Id, importId: Id.optional() }).strict();

/** Every source spec, as stored in import definitions and recipes. */
export const SourceSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('paste'), path: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('upload'), path: z.string().min(1), name: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('workspace'), query: QueryText }).strict(),
  UrlSpec,
  SqlSpec,
  StorageSpec,
]);
