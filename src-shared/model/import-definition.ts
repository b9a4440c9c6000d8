import type { DestinationSpec } from './destination';
import type { DialectOverrides } from './preview';
import type { ImportType } from './import-type';
import type { ImportMapping } from './mapping';
import type { SourceRef } from './source';

/** A saved import: name, source, dialect and mapping (runs and schedules attach to it). */
export interface ImportDefinition {
  id: string;
  name: string;
  /** The source it reads, as registered (null for an import saved without one). */
  source: SourceRef | null;
  importType: ImportType;
  dialect: DialectOverrides;
  header: string[];
  headerFingerprint: string;
  mapping: ImportMapping;
  /** Where its runs write (the workspace unless set). */
  destination: DestinationSpec;
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

/** What "Resync with source" found: the source's columns now, against the import's header. */
export interface ResyncResult {
  importId: string;
  columns: string[];
  /** Columns the source has now that the import does not map (new since it was saved). */
  newColumns: string[];
  /** Columns the import maps that the source no longer has. */
  goneColumns: string[];
  checkedAt: string;
}
