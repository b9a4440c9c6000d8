import type { z } from 'zod';
import type {
  ColumnMappingSchema,
  ImportMappingSchema,
  ImportOptionsSchema,
  ImportRecipeSchema,
  StaticColumnSchema,
} from '../schemas/mapping';

/** One source column's mapping: included, target attribute, data type, role, transforms. */
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;
/** A column added with one value for every row. */
export type StaticColumn = z.infer<typeof StaticColumnSchema>;
/** Settings of the import as a whole (time zone, event type, catalog, pool, retention). */
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;
/** Everything the mapping step decides. */
export type ImportMapping = z.infer<typeof ImportMappingSchema>;
/** A mapping exported as JSON. */
export type ImportRecipe = z.infer<typeof ImportRecipeSchema>;

/** Options of a new mapping. */
export function defaultImportOptions(timeZone = 'UTC'): ImportOptions {
  return {
    timeZone,
    decimalSeparator: '.',
    dateOrder: null,
    convertMilliseconds: false,
    eventType: '',
    catalogName: '',
    catalogKind: 'general',
    poolName: '',
    retentionDays: null,
  };
}
