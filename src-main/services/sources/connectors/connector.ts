import type { Readable } from 'node:stream';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { SourceKind, SpecOf } from '../../../../src-shared/model/source';
import type { ResolvedConnection } from '../connections/resolved-connection';

/**
 * Which request a read is, told to servers that care (a feed built for the platforms reads the
 * `X-Exponea-Import-Phase` header): the encoding-detection head, the preview, the full download.
 */
export type ReadPhase = 'sample' | 'preview' | 'download';

/** What every connector call may need besides the spec. */
export interface ConnectorContext {
  /** The workspace folder (a workspace query reads its database). */
  workspaceDir: string;
  /** Path of a better-sqlite3 binary built for another ABI (the Electron shell's). */
  nativeBinding?: string | undefined;
  /** Aborts a transfer in flight (cancel). */
  signal?: AbortSignal | undefined;
  /** The spec's connection with its secret, resolved in main (sources that have one). */
  connection?: ResolvedConnection | null | undefined;
  /** Storage: the files this import has read already, by name ("not imported yet"). */
  importedFiles?: readonly ImportedFile[] | undefined;
  /** Network timeouts, when not the seeds' (tests shorten them). */
  timeouts?: { connectMs?: number; readMs?: number } | undefined;
  /**
   * An incremental run's condition (SQL sources' fetch only; a preview never filters): only rows
   * whose column is after the cursor, or null there (to be rejected), are read.
   */
  since?: SinceCondition | undefined;
}

/**
 * The condition an incremental run pushes into a query: rows whose `column` is after `value`. How
 * the value is bound depends on the column's type in the database, which only the driver knows.
 */
export interface SinceCondition {
  /** The time field's column, as the query names it. */
  column: string;
  /** The cursor: ISO 8601 UTC with six fraction digits. */
  value: string;
  /** The zone the import reads the column's datetimes without an offset in. */
  timeZone: string;
  /** Whether the import reads 13-digit UNIX numbers as milliseconds. */
  milliseconds: boolean;
}

/** A storage file an import has read, as remembered (DESIGN §5). */
export interface ImportedFile {
  name: string;
  size: number;
  modifiedAt: string;
}

/** How the UI names a source: its name, and one line saying where it reads from. */
export interface SourceDescription {
  name: string;
  detail: string;
  /** Whether reading it again can give other rows (a file on disk, a query), so it can be scheduled. */
  changes: boolean;
}

/** The first bytes of a source, and whether that is all of it. */
export interface SourceHead {
  bytes: Buffer;
  isComplete: boolean;
  /** The whole source's size, when known without reading it. */
  size: number | null;
}

/** A source's bytes as a stream, and how many have been read so far. */
export interface SourceBytes {
  stream: Readable;
  size: number | null;
  bytesRead(): number;
}

/** One file of a source read as several (storage), with what the run remembers of it. */
export interface SourcePart extends SourceBytes {
  name: string;
  size: number;
  modifiedAt: string;
}

/**
 * A source read as several files in a row: a storage folder under its selection rule. They are
 * opened one at a time, as staging reaches them, and staged into one dataset.
 */
export interface SourceParts {
  files: StorageFile[];
  open(file: StorageFile): Promise<SourcePart>;
  /** Ends the session the parts are read through. */
  close(): Promise<void>;
}

/** A column of a row source: its name and, when the source knows it, its type. */
export interface SourceColumn {
  name: string;
  type: ColumnType | null;
}

/** Rows of a row source (a query), each an array of cell values in column order. */
export interface SourceRows {
  columns: SourceColumn[];
  rows: Iterable<unknown[]> | AsyncIterable<unknown[]>;
  /** Releases the statement or cursor (also when the rows were not read to the end). */
  close(): void;
}

/** A file of a storage source: what the selection rules and "not imported yet" need. */
export interface StorageFile {
  name: string;
  size: number;
  modifiedAt: string;
  /** Whether this import read it already (set when the import's memory is known). */
  imported?: boolean;
}

interface ConnectorBase<K extends SourceKind> {
  readonly kind: K;
  describe(spec: SpecOf<K>): SourceDescription;
  /**
   * A short text that changes when the source's content may have changed (size and modification
   * time of a file), or null when nothing cheap tells: its previews are then never reused.
   */
  fingerprint(spec: SpecOf<K>, context: ConnectorContext): Promise<string | null>;
  /** The files a storage source's path or pattern matches (storage kinds only). */
  list?(spec: SpecOf<K>, context: ConnectorContext): Promise<StorageFile[]>;
}

/** A connector whose source is bytes (a file, a feed, an object): detection finds the dialect. */
export interface ByteConnector<K extends SourceKind> extends ConnectorBase<K> {
  readonly reads: 'bytes';
  /**
   * True when every read is a request the server tells apart (a feed): the preview then asks for
   * a `sample` head to detect the encoding and a `preview` head to show, as the platforms do.
   */
  readonly phased?: boolean;
  head(spec: SpecOf<K>, maxBytes: number, phase: ReadPhase, context: ConnectorContext): Promise<SourceHead>;
  /** The whole source: one stream, or (storage) the files a run reads, one after another. */
  fetch(spec: SpecOf<K>, context: ConnectorContext): Promise<SourceBytes | SourceParts>;
}

/** A connector whose source is rows (a query): columns and types come from the source itself. */
export interface RowConnector<K extends SourceKind> extends ConnectorBase<K> {
  readonly reads: 'rows';
  /** At most `maxRows` rows, for a preview (the query is cut short, never run to its end). */
  head(spec: SpecOf<K>, maxRows: number, context: ConnectorContext): Promise<SourceRows>;
  fetch(spec: SpecOf<K>, context: ConnectorContext): Promise<SourceRows>;
  /**
   * The whole source as CSV bytes written by the source itself (header first, each value as
   * rows-as-csv writes the rows of `fetch`), or null when it cannot for this source; a run then
   * reads `fetch`. Faster where the source has it: no row objects are built (PostgreSQL's COPY).
   */
  fetchCsv?(spec: SpecOf<K>, context: ConnectorContext): Promise<SourceBytes | null>;
}

/** The code for one source kind (DESIGN §3: head, fetch, list, describe, fingerprint). */
export type Connector<K extends SourceKind = SourceKind> = ByteConnector<K> | RowConnector<K>;
