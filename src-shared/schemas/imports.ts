import type { PreviewableStep } from '../model/cleanup';
import { z } from 'zod';
import { IMPORT_TYPES } from '../model/import-type';
import { DialectOverridesSchema } from './ingest';
import { ImportMappingSchema } from './mapping';
import { CleanupStepSchema } from './cleanup';

const Id = z.string().min(1).max(64);

export const AddIdTypeSchema = z
  .object({ name: z.string().min(1).max(64), kind: z.enum(['hard', 'soft']) })
  .strict();

export const ListAttributesSchema = z
  .object({ importType: z.enum(IMPORT_TYPES), scope: z.string().max(128).default('') })
  .strict();

export const ValidateMappingSchema = z.object({ datasetId: Id, mapping: ImportMappingSchema }).strict();

/** A cleanup step not applied yet, counted over every row of a dataset after the mapping's own steps. */
export const PreviewStepSchema = z
  .object({
    datasetId: Id,
    mapping: ImportMappingSchema,
    step: CleanupStepSchema.refine(
      (step): step is PreviewableStep => step.kind !== 'edit-cells' && step.kind !== 'dedupe',
      'Hand edits and dedupe steps are not counted before they are applied.',
    ),
  })
  .strict();

/** Rows of a dataset by the numbers the source shows (a grid page's), for their fill-down carry-ins. */
/** A page of a staged dataset's rows, sorted and filtered by the host (in a worker) when asked. */
export const RowsRequestSchema = z
  .object({
    datasetId: Id,
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(2000),
    sort: z
      .object({ column: z.number().int().min(0), direction: z.enum(['asc', 'desc']) })
      .strict()
      .optional(),
    filter: z.string().max(500).optional(),
    /**
     * Sort and filter the cells as this mapping's cleanup steps make them (what the mapping grid
     * shows), not as the file has them.
     */
    mapping: ImportMappingSchema.optional(),
    /** Only the rows the last validation found problems in (sort and filter do not apply). */
    problemsOnly: z.boolean().optional(),
  })
  .strict();

export const FillCarriesSchema = z
  .object({
    datasetId: Id,
    mapping: ImportMappingSchema,
    rowNumbers: z.array(z.number().int().min(1)).max(2000),
  })
  .strict();

export const SaveImportSchema = z
  .object({
    id: Id.optional(),
    name: z.string().trim().min(1, 'The import needs a name.').max(256),
    sourceId: Id.nullable(),
    dialect: DialectOverridesSchema,
    header: z.array(z.string().max(1024)).max(260),
    mapping: ImportMappingSchema,
  })
  .strict();

export const ImportIdSchema = z.object({ importId: Id }).strict();

/** Where an import's runs write: the workspace, or a platform or PostgreSQL connection. */
export const SetDestinationSchema = z
  .object({
    importId: Id,
    destination: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('workspace') }).strict(),
      z.object({ kind: z.literal('platform'), connectionId: Id }).strict(),
      z
        .object({
          kind: z.literal('postgres'),
          connectionId: Id,
          schema: z.string().trim().min(1, 'The schema is empty.').max(63),
        })
        .strict(),
    ]),
  })
  .strict();

export const RecipeOffersSchema = z.object({ header: z.array(z.string().max(1024)).max(260) }).strict();
