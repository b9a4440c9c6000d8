import type { DialectOverrides } from './preview';
import type { ImportType } from './import-type';
import type { ImportMapping } from './mapping';

/** A saved import: name, source, dialect and mapping (runs and schedules attach to it). */
export interface ImportDefinition {
  id: string;
  name: string;
  sourceId: string | null;
  importType: ImportType;
  dialect: DialectOverrides;
  header: string[];
  headerFingerprint: string;
  mapping: ImportMapping;
  createdAt: string;
  updatedAt: string;
}

/** A saved import whose header matches a newly dropped file's, offered as a recipe. */
export interface RecipeOffer {
  importId: string;
  name: string;
  importType: ImportType;
  updatedAt: string;
}
