/** Where a source's bytes or rows come from (DESIGN §3). */
export const SOURCE_KINDS = ['file', 'paste', 'upload', 'workspace'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

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
  | { kind: 'workspace'; query: string };

/** A spec of one kind. */
export type SpecOf<K extends SourceKind> = Extract<SourceSpec, { kind: K }>;

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
