import type { MappedRecord, RowReject } from '../../../src-shared/mapping/map-row';
import type { NewestTime } from '../../../src-shared/mapping/incremental';
import type { RunValues } from '../../../src-shared/mapping/static-placeholders';
import type { DestinationKind, DestinationSpec } from '../../../src-shared/model/destination';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { RunCounts, RunFile } from '../../../src-shared/model/run';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';

/** A value that is ready now (local destinations) or later (destinations that wait on a network). */
export type Eventually<T> = T | Promise<T>;

/** Rows read and mapped from a run's input, in file order: the items, and the rows rejected. */
export interface RecordBatch<T = MappedRecord> {
  /** Rows this batch covers (items + rejects + skipped). */
  read: number;
  items: T[];
  rejects: RowReject[];
  /** Rows of an incremental run whose time field is not after the cursor: read, not imported. */
  skipped: number;
  /** An incremental run's newest time field among the items; null otherwise. */
  newest: NewestTime | null;
}

/** How a destination wants its batches: each record turned into an item, and when a batch ends. */
export interface BatchShape<T> {
  /** Turns a record into an item as soon as it is mapped, or rejects it (pushes, returns null). */
  prepare?: (record: MappedRecord, rejects: RowReject[]) => T | null;
  /** Items per batch. */
  items?: number;
  /** A batch also ends once its items weigh this much (see `weigh`). */
  maxWeight?: number;
  weigh?: (item: T) => number;
}

/** What another thread needs to read the same batches itself: plain data. */
export interface PortableRunInput {
  datasetPath: string;
  mapping: ImportMapping;
  nativeBinding?: string;
  /** An incremental run's cursor (ISO 8601 UTC, six fraction digits): rows not after it are skipped. */
  cursor?: string | null;
  /** What static columns' placeholders stand for in this run (its start, its file's name). */
  runValues?: RunValues;
}

/** A run's input as a destination reads it: the staged rows, mapped (and cleaned) by the run. */
export interface RunInput {
  /** Rows the input holds. */
  rowCount: number;
  mapping: ImportMapping;
  /** The batches, read and mapped on the calling thread. */
  batches<T = MappedRecord>(shape?: BatchShape<T>): Iterable<RecordBatch<T>>;
  /** The same input for a thread of the destination's own (the events pipeline). */
  portable: PortableRunInput;
}

/**
 * What a destination made of one batch. Every row read counts once: read = imported + updated +
 * deduplicated + rejects + skipped.
 */
export interface BatchResult {
  read: number;
  imported: number;
  updated: number;
  deduplicated: number;
  /** Rows the mapping or the destination refused, in row order. */
  rejects: readonly RowReject[];
  /** The batch's rows an incremental run skipped (not after the cursor), as the input said. */
  skipped: number;
  /** The input's newest time field among the batch's items (incremental runs), as it said. */
  newest: NewestTime | null;
  /** Things the run summary should say that are not a row's fault. */
  warnings: readonly string[];
}

/** Where a session reports: each batch's result (the run recorder keeps them), and a cancel check. */
export interface RunSink {
  applied(result: BatchResult): void;
  /** Throws CANCELLED once the run was cancelled; call between batches (and while waiting). */
  checkpoint(): void;
  /** Aborted when the run is cancelled: stops requests a destination is waiting on. */
  signal?: AbortSignal | undefined;
}

/** What a run did, as its destination commits it. */
export interface RunOutcome {
  counts: RunCounts;
  warnings: string[];
  /** Storage: the files the run read, with their rows. */
  files?: RunFile[];
  /** An incremental run's new cursor (ISO 8601 UTC): the newest time field it imported. */
  cursor?: string;
}

/**
 * One run's use of a destination (DESIGN §3: Session). Nothing it writes is visible before
 * `commit`; `abort` (a failure, a cancel) leaves nothing behind.
 */
export interface DestinationSession {
  write(input: RunInput, sink: RunSink): Eventually<void>;
  commit(outcome: RunOutcome): Eventually<void>;
  abort(): Eventually<void>;
}

/** Which run a session serves, so its writes can be traced to the run and its import. */
export interface RunIdentity {
  runId: string;
  importId: string | null;
}

/** What a destination may need from the process it runs in. */
export interface DestinationContext {
  workspaceDir: string;
  nativeBinding?: string | undefined;
  /** How long the workspace destination waits for another process's write lock to begin. */
  busyTimeoutMs?: number | undefined;
  /** Events runs of this many rows or more prepare on a second thread (a test's knob). */
  pipelineFromRows?: number | undefined;
  /** A destination behind a saved connection: the connection with its secret, resolved in main. */
  connection?: ResolvedConnection | null | undefined;
  /** A dry run: the session counts what it would do and sends or keeps nothing. */
  dryRun?: boolean | undefined;
  /** "Test a record": only this row is sent (even when unchanged), and the raw answer kept. */
  onlyRow?: number | undefined;
}

/** A kind of destination: a plug-in chosen by kind through the registry (DESIGN §6). */
export interface Destination<K extends DestinationKind = DestinationKind> {
  readonly kind: K;
  open(
    spec: Extract<DestinationSpec, { kind: K }>,
    run: RunIdentity,
    context: DestinationContext,
  ): DestinationSession;
}
