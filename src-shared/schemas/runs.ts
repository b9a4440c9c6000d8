import { z } from 'zod';
import { EXPORT_FORMATS } from '../model/destination';
import { ImportMappingSchema } from './mapping';

const Id = z.string().min(1).max(64);
const Offset = z.number().int().min(0).default(0);
const Limit = z.number().int().min(1).max(1000).default(100);

export const StartRunSchema = z
  .object({
    importId: Id,
    /** A dataset the wizard already staged from the import's source; the run then skips re-reading it. */
    datasetId: Id.optional(),
    /** Count what the run would import or push, keeping and sending nothing. */
    dryRun: z.boolean().optional(),
    /** "Test a record": send only this row of the source (the header is row 1) to the import's platform. */
    testRow: z.number().int().min(2).max(Number.MAX_SAFE_INTEGER).optional(),
    /**
     * "Run again with another file…": a file or upload registered for this run, read instead of the
     * import's own file with the import's dialect, mapping and steps (the import keeps its file).
     */
    sourceId: Id.optional(),
  })
  .strict();

export const ListRunsSchema = z
  .object({ importId: Id.optional(), limit: z.number().int().min(1).max(500).default(50) })
  .strict();

export const RunIdSchema = z.object({ runId: Id }).strict();

export const RejectsRequestSchema = z.object({ runId: Id, offset: Offset, limit: Limit }).strict();

/** Rejects CSV rows per part: a part is built in ~50 ms, so the main thread never stalls on a big run. */
export const REJECTS_CSV_PART_ROWS = 20_000;

/** A part of a run's rejects CSV: the rows after `afterRow` (none: from the start, with the header). */
export const RejectsCsvRequestSchema = z
  .object({ runId: Id, afterRow: z.number().int().min(0).optional() })
  .strict();

export const DeleteImportSchema = z.object({ importId: Id, data: z.enum(['keep', 'expire']) }).strict();

/**
 * Exports the mapped records of a staged dataset (the mapping on screen, saved or not) as a file.
 * The desktop app asks where to save it; the web host keeps it in the workspace for the browser
 * to download when the run has succeeded.
 */
export const StartExportSchema = z
  .object({
    datasetId: Id,
    mapping: ImportMappingSchema,
    format: z.enum(EXPORT_FORMATS),
    /** The run history's name for it, e.g. "customers.csv". */
    name: z.string().trim().min(1).max(256),
    /** The saved import it belongs to, if the mapping is one. */
    importId: Id.nullable().default(null),
  })
  .strict();
