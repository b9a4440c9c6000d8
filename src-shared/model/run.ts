import type { AppError } from '../result';
import type { ImportType } from './import-type';
import type { DestinationKind, DestinationSpec } from './destination';
import type { SourceRef } from './source';

/** The first warning of a dry run's summary (it also tells a dry run apart in the history). */
export const DRY_RUN_NOTE =
  'A dry run: nothing was imported or sent. The counts are what a real run would do now.';

/** A run's life: queued → loading → processing → succeeded | failed | cancelled. */
export const RUN_STATUSES = ['queued', 'loading', 'processing', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** True while a run has not ended. */
export function isActiveRun(status: RunStatus): boolean {
  return status === 'queued' || status === 'loading' || status === 'processing';
}

/**
 * What a run did with the rows it read; imported + updated + deduplicated + rejected + skipped =
 * read. Skipped rows are an incremental import's rows not newer than its cursor.
 */
export interface RunCounts {
  read: number;
  imported: number;
  updated: number;
  deduplicated: number;
  rejected: number;
  skipped: number;
}

/** What started a run: a person (the app, the CLI), its schedule, its new-file trigger, or a catch-up of a schedule's run missed while Intake was not running. */
export const RUN_STARTERS = ['user', 'schedule', 'trigger', 'catch-up'] as const;
export type RunStarter = (typeof RUN_STARTERS)[number];

/** One execution of an import. */
export interface Run {
  id: string;
  /** Null for a run without a saved import: an export of the mapping on screen, `intake export`. */
  importId: string | null;
  /** The import's name when the run was queued (kept after the import is deleted). */
  importName: string;
  importType: ImportType;
  sourceName: string;
  status: RunStatus;
  rows: RunCounts;
  /** Rows to process (the staged dataset's rows), once loading has finished. */
  rowsTotal: number | null;
  bytesRead: number;
  bytesTotal: number | null;
  /** Things the summary should say that are not a row's fault (a catalog's fixed kind…). */
  warnings: string[];
  error: AppError | null;
  queuedAt: string;
  startedAt: string | null;
  processingAt: string | null;
  finishedAt: string | null;
  /** Where the run wrote: the workspace, or a file (an export). */
  destination: DestinationKind;
  /** Storage: the files the run read, in order, with the rows each gave. */
  files: RunFile[];
  startedBy: RunStarter;
  /** Requests to run the import that came while this run was queued or running, and joined it. */
  coalesced: number;
  /** A push to a platform: what was sent, skipped, quarantined, and how the requests went. */
  push: PushSummary | null;
}

/** What a push did (the run detail, and `--json`'s "push"). */
export interface PushSummary {
  /** Records the platform acknowledged. */
  sent: number;
  /** Records unchanged since this destination last took them (the delta), not sent. */
  skipped: number;
  /** Records the platform refused in a successful answer, kept with its reason. */
  quarantined: number;
  /** Requests sent (each retry counts). */
  requests: number;
  /** Requests sent again after a 429, a 5xx or a network failure. */
  retried: number;
  /** 429 answers waited out (Retry-After). */
  waited429: number;
  /** Records of requests an earlier, interrupted run left in the outbox, sent first. */
  resumed: number;
  lastError: string | null;
  /** Set for a dry run: what the push would have done, nothing sent. */
  dryRun?: DryRunReport;
  /** "Test a record": the platform's raw answer to the one record sent (status and body, cut at 2 KB). */
  response?: string;
}

/** "What would this push do": counted as a real run counts, without sending anything. */
export interface DryRunReport {
  /** Records per command kind (customers, customers/events, catalog_item, identify, track). */
  commands: Record<string, number>;
  requests: number;
  bytes: number;
  /** Records this destination refused before, which a run would send again. */
  quarantinedToRetry: number;
  /** The first requests' bodies exactly as they would be sent (at most three). */
  examples: string[];
}

/** A storage file a run read. */
export interface RunFile {
  name: string;
  size: number;
  modifiedAt: string;
  rows: number;
}

/** The `runs:progress` event: both stages, a few times a second, and once when the run ends. */
export interface RunProgress {
  runId: string;
  importId: string | null;
  status: RunStatus;
  loading: { rows: number; bytesRead: number; bytesTotal: number | null };
  /**
   * Rows whose outcome is settled, of the total: written (a local destination), or, for a push,
   * acknowledged by the platform (or refused, rejected, unchanged) — `pushing` says which.
   */
  processing: { rows: number; rowsTotal: number | null; pushing?: boolean };
}

/** A row a run did not import, and why. */
export interface RunReject {
  row: number;
  column: string | null;
  value: string;
  reason: string;
}

/** A part of a run's rejects CSV: its text, and the last row in it (null: the CSV is complete). */
export interface RejectsCsvPart {
  fileName: string;
  csv: string;
  lastRow: number | null;
}

/** A saved import with what the Imports page shows beside it. */
export interface ImportOverview {
  id: string;
  name: string;
  importType: ImportType;
  /** The file or paste it reads (null once its source is gone). */
  source: SourceRef | null;
  /** The newest run, if any. */
  lastRun: Run | null;
  /** When the newest successful run finished. */
  lastSync: string | null;
  /** The newest failed run since the last success: the row shows it until a run succeeds. */
  failure: Run | null;
  /** Where its queued run waits in this process's queue (1: next), or null. */
  queuePosition: number | null;
  /** Where its runs write, and the connection's name when it pushes (null: the workspace). */
  destination: DestinationSpec;
  destinationName: string | null;
  /**
   * An incremental import's cursor: the newest time field it imported (ISO 8601 UTC, six fraction
   * digits), and when a run moved it; null before its first run and after a reset.
   */
  cursor: { value: string; updatedAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** What to do with an import's data when the import is deleted. */
export type DeleteImportData = 'keep' | 'expire';

/** Days after which a deleted import's data expires when the user chooses "expire". */
export const DELETED_IMPORT_DATA_DAYS = 30;
