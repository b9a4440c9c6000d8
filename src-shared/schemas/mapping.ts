import { LIMITS } from '../limits';
import { z } from 'zod';
import { COLUMN_TYPES } from '../model/column-type';
import { IMPORT_TYPES, ROLES } from '../model/import-type';
import { DialectOverridesSchema } from './ingest';
import { CleanupStepsSchema } from './cleanup';

/** A name the platforms accept for catalogs, voucher pools and event types: no spaces. */
const NoSpaces = z.string().max(128);

/** One source column's mapping (DESIGN.md §3 "Column mapping"). */
export const ColumnMappingSchema = z
  .object({
    /** The source column's header name; recipes match columns by it. */
    source: z.string().max(1024),
    include: z.boolean(),
    /** The attribute the column becomes (an existing one, or a new name). */
    target: z.string().max(256),
    type: z.enum(COLUMN_TYPES),
    role: z.enum(ROLES).nullable(),
    /** The ID type of an ID, match key or identifier column. */
    idType: z.string().max(64).nullable(),
    /** Trim surrounding whitespace (always on for IDs). */
    trim: z.boolean(),
    /** Lowercase values (opt-in, for IDs and text). */
    lowercase: z.boolean(),
    /** IANA zone for this column's ISO datetimes without an offset; null = the import's zone. */
    timeZone: z.string().max(64).nullable(),
    /** Catalog only: the field is searchable (20 at most, never list or JSON). */
    searchable: z.boolean(),
    /**
     * Personal data, hashed before it leaves this computer (pushes and exports): an email or a
     * phone is normalised first. Unset: guessed from the column (see personal-data.ts); null: not
     * personal data.
     */
    personal: z.enum(['email', 'phone', 'other']).nullable().optional(),
    /** False: the user chose to send this personal data column unhashed (a warning says so). */
    hashPersonal: z.boolean().optional(),
    /**
     * The mojibake doctor: values that were UTF-8 read as Windows-1252 ("CafÃ©") are repaired
     * before anything else (see values/mojibake.ts). Only when the user says so.
     */
    repairMojibake: z.boolean().optional(),
  })
  .strict();

/** A column added with one value for every row. */
export const StaticColumnSchema = z
  .object({
    name: z.string().trim().min(1, 'A static column needs a name.').max(256),
    value: z.string().max(28_672),
    type: z.enum(COLUMN_TYPES),
  })
  .strict();

/** Settings of the import as a whole. */
export const ImportOptionsSchema = z
  .object({
    /** Zone for ISO datetimes without an offset (offsets in the data win). */
    timeZone: z.string().min(1).max(64),
    decimalSeparator: z.enum(['.', ',']),
    dateOrder: z.enum(['DMY', 'MDY']).nullable(),
    /** Read 13-digit UNIX timestamps as milliseconds. */
    convertMilliseconds: z.boolean(),
    /** Events: the one event type of this import. */
    eventType: NoSpaces,
    /** Catalog: its name and kind. */
    catalogName: NoSpaces,
    catalogKind: z.enum(['general', 'product']),
    /**
     * Product catalogs: the item_id column is also the product_id (a feed with one ID column per
     * product). Unset means a product_id column of its own.
     */
    productIdFromItemId: z.boolean().optional(),
    /** Vouchers: the pool's name. */
    poolName: NoSpaces,
    /** Identity and group: days before imported links expire (2–180). */
    retentionDays: z.number().int().min(2).max(180).nullable(),
    /**
     * Rows with more or fewer fields than the header: rejected with their row number (unset, the
     * default), or 'fit': padded with blanks or cut to the header, with a warning that counts them.
     */
    raggedRows: z.enum(['reject', 'fit']).optional(),
    /** The country of phone numbers written without one (ISO 3166 alpha-2), for E.164. */
    phoneCountry: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .optional(),
    /**
     * Incremental sync (database and storage sources): each run reads only the rows whose time
     * field is after the import's cursor, the last one imported. Unset means off.
     */
    incremental: z.boolean().optional(),
  })
  .strict();

/** Everything the mapping step decides. */
export const ImportMappingSchema = z
  .object({
    importType: z.enum(IMPORT_TYPES),
    options: ImportOptionsSchema,
    // A wide source maps whole; what an import may include is a requirement (requirements.ts).
    columns: z.array(ColumnMappingSchema).max(LIMITS.sourceColumns),
    statics: z.array(StaticColumnSchema).max(260),
    /** Cleanup steps, applied in order to every row before the columns are read (absent: none). */
    cleanup: CleanupStepsSchema.optional(),
  })
  .strict();

/** The JSON recipe a mapping is exported as (and the definition file `intake import` reads). */
export const ImportRecipeSchema = z
  .object({
    kind: z.literal('intake.import'),
    // 2 added cleanup steps; a version 1 recipe (none) still loads.
    version: z.union([z.literal(1), z.literal(2)]),
    name: z.string().max(256),
    dialect: DialectOverridesSchema,
    /** The source's header when the recipe was saved. */
    header: z.array(z.string().max(1024)).max(LIMITS.sourceColumns),
    mapping: ImportMappingSchema,
  })
  .strict();
