/** One row of a merge, with the IDs it brings. */
export interface IdentityRow {
  rowNumber: number;
  ids: { idType: string; value: string }[];
}

/**
 * One customer several of the file's rows resolve to although they do not all carry the same IDs:
 * the rows are linked through an ID they share (row 4 has registered C1 and cookie K9, row 17 has
 * cookie K9 and email e@x: one customer).
 */
export interface IdentityMerge {
  /** Whether the customer is already in the workspace or the import creates it. */
  existing: boolean;
  /** How many of the file's rows resolve to it. */
  rowCount: number;
  /** The first of those rows, in file order. */
  rows: IdentityRow[];
}

/** A row the import will reject because its IDs belong to different customers. */
export interface IdentityConflict {
  rowNumber: number;
  /** The column of the ID that conflicts, as the file names it. */
  column: string | null;
  value: string;
  reason: string;
}

/**
 * What a customers or events import's rows resolve to, worked out over every row before importing:
 * against the IDs the workspace holds and within the file, by the rules the import applies.
 */
export interface IdentityPreview {
  /** Rows that reach customer resolution: every row the mapping does not reject or dedupe remove. */
  rows: number;
  /** Distinct customers those rows resolve to… */
  customers: number;
  /** …of them already in the workspace… */
  existingCustomers: number;
  /** …and created by the import. */
  newCustomers: number;
  /** Customers formed from rows with different IDs (count), and the largest of them. */
  merges: { count: number; largest: IdentityMerge[] };
  /** Rows the import rejects for conflicting IDs (count), and the first of them. */
  conflicts: { count: number; examples: IdentityConflict[] };
  /** Soft IDs (cookies, emails) a row moves from one customer to another, as the import will. */
  movedIds: number;
  elapsedMs: number;
}
