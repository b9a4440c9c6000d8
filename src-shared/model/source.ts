/** Where a source's bytes or rows come from (DESIGN §3). */
export const SOURCE_KINDS = ['file', 'paste', 'upload', 'workspace', 'url', 'sql', 'storage'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * Which files of a storage folder a run reads (the seeds' selection rules): all that match, the
 * newest, the last by name, or those this import has not read yet.
 */
export const SELECTION_RULES = ['all', 'last-modified', 'last-alphabetically', 'not-imported-yet'] as const;
export type SelectionRule = (typeof SELECTION_RULES)[number];

/**
 * An import's source: a kind plus that kind's settings. File-like specs hold a path, so they are
 * main's to make (a dialog, a drop, an upload); the renderer names those sources by id only.
 */
export type SourceSpec =
  | { kind: 'file'; path: string }
  /** Pasted text kept as a file in the workspace. */
  | { kind: 'paste'; path: string }
  /** A browser's upload kept as a file in the workspace, with the name it had on the user's disk. */
  | { kind: 'upload'; path: string; name: string }
  /** A read-only SELECT over the workspace's own data ("data from your analyses"). */
  | { kind: 'workspace'; query: string }
  /** An HTTP(S) feed, optionally with Basic auth from a `url` connection. */
  | { kind: 'url'; url: string; connectionId: string | null }
  /** A SELECT on a database connection (PostgreSQL, MySQL/MariaDB, SQLite), run read-only. */
  | { kind: 'sql'; connectionId: string; query: string }
  /**
   * Files in a storage connection (SFTP, S3, Azure Blob, GCS): `path` is a file, or the folder or
   * prefix that `match` (a regular expression between slashes) searches; `select` picks the files
   * of a run. `file` names the one file a preview shows (a run never uses it).
   */
  | {
      kind: 'storage';
      connectionId: string;
      path: string;
      match: string | null;
      select: SelectionRule;
      file?: string | undefined;
    };

/** A spec of one kind. */
export type SpecOf<K extends SourceKind> = Extract<SourceSpec, { kind: K }>;

/** A file of a storage source as the preview lists it. */
export interface StorageFileInfo {
  name: string;
  size: number;
  modifiedAt: string;
  /** Whether the import has read this file (same name, size and time) already. */
  imported: boolean;
}

/** A source registered in the workspace, ready to be previewed and staged (no paths, no secrets). */
export interface SourceRef {
  id: string;
  kind: SourceKind;
  /** What the user knows it by: the file name, "Pasted data", "Workspace query". */
  name: string;
  /** One line that says where it reads from: the query's start, the folder, the URL. */
  detail: string;
  /** Bytes, when the source knows its size before it is read (files). */
  size: number | null;
  createdAt: string;
}
