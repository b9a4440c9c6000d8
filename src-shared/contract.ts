import type { IdentityPreview } from './model/identity-preview';
import type { z } from 'zod';
import { EmptyPayload } from './schemas/common';
import { SettingsPatchSchema } from './schemas/settings';
import {
  AddPasteSchema,
  AddPathSchema,
  DatasetIdSchema,
  PreviewRequestSchema,
  RawLinesRequestSchema,
  StageRequestSchema,
} from './schemas/ingest';
import {
  AddIdTypeSchema,
  ImportIdSchema,
  ListAttributesSchema,
  RecipeOffersSchema,
  SaveImportSchema,
  SetDestinationSchema,
  ValidateMappingSchema,
  PreviewStepSchema,
  FillCarriesSchema,
  RowsRequestSchema,
} from './schemas/imports';
import {
  DeleteImportSchema,
  ListRunsSchema,
  RejectsCsvRequestSchema,
  RejectsRequestSchema,
  RunIdSchema,
  StartExportSchema,
  StartRunSchema,
} from './schemas/runs';
import { AddSourceSchema, SourceFilesSchema, SourceIdSchema } from './schemas/sources';
import { PauseAutomationSchema, PreviewScheduleSchema, SetAutomationSchema } from './schemas/automation';
import type { AutomationFailure, AutomationState, SchedulePreview } from './model/automation';
import {
  ConnectionIdSchema,
  CreateConnectionSchema,
  ReplaceSecretSchema,
  TestConnectionSchema,
  TrustHostKeySchema,
  UpdateConnectionSchema,
} from './schemas/connections';
import type { TableInfo } from './model/schema';
import type { StorageFileInfo } from './model/source';
import type { ConnectionSummary } from './model/connection';
import type { ExportStarted } from './model/export';
import {
  CatalogItemsSchema,
  CustomerEventsSchema,
  CustomerIdSchema,
  EventsByTypeSchema,
  GroupMembersSchema,
  PageSchema,
  SearchPageSchema,
  VoucherCodesSchema,
} from './schemas/browse';
import type {
  CatalogItem,
  CatalogSummary,
  CustomerProfile,
  CustomerSummary,
  EventItem,
  EventTypeSummary,
  GroupMember,
  GroupSummary,
  IdentityLink,
  Page,
  VoucherCode,
  VoucherPoolSummary,
} from './model/browse';
import type { ImportOverview, RejectsCsvPart, Run, RunProgress, RunReject } from './model/run';
import type { Attribute, IdType } from './model/id-type';
import type { ImportDefinition, RecipeOffer, ResyncResult } from './model/import-definition';
import type { ValidationSummary } from './model/validation';
import type { FillCarry, StepPreview } from './model/cleanup';
import type { Dataset, DatasetProgress, RowsPage } from './model/dataset';
import type { Preview } from './model/preview';
import type { RawLines } from './model/raw-lines';
import type { SourceRef } from './model/source';
import type { AppInfo } from './model/app-info';
import type { MenuCommand } from './model/menu';
import type { Settings } from './model/settings';
import type { Result } from './result';

/**
 * The one contract between the renderer and either shell (Electron IPC or the web host).
 * Every request and pushed event is declared here once; channel names are never typed elsewhere.
 */

/** Declares a request: its payload schema (validated at the host boundary) and its result type. */
function request<S extends z.ZodType, R>(schema: S): { schema: S; result?: R } {
  return { schema };
}

/** Declares a pushed event and its payload type. */
function event<P>(): { payload?: P } {
  return {};
}

/** Every request, named `domain:verb`. */
export const requests = {
  'app:info': request<typeof EmptyPayload, AppInfo>(EmptyPayload),
  'settings:get': request<typeof EmptyPayload, Settings>(EmptyPayload),
  'settings:set': request<typeof SettingsPatchSchema, Settings>(SettingsPatchSchema),
  /** Registers a source the user described (a workspace query), refused unless it is one read-only SELECT. */
  'sources:add': request<typeof AddSourceSchema, SourceRef>(AddSourceSchema),
  /** Keeps pasted text (≤ 500 KB) as a source. */
  'sources:addPaste': request<typeof AddPasteSchema, SourceRef>(AddPasteSchema),
  /** Desktop only: registers a dropped file by the path the preload resolved. */
  'sources:addPath': request<typeof AddPathSchema, SourceRef>(AddPathSchema),
  /** Desktop only: File > Open… dialog; resolves to the chosen files (none if cancelled). */
  'sources:choose': request<typeof EmptyPayload, SourceRef[]>(EmptyPayload),
  /** Detection and the first rows, from a bounded head read. */
  'sources:preview': request<typeof PreviewRequestSchema, Preview>(PreviewRequestSchema),
  /**
   * The lines of a text source around a spot (a parse error's line or row), decoded with the chosen
   * or detected encoding and read only up to the last line shown: what the wizard shows when a
   * preview or staging fails to parse.
   */
  'sources:rawLines': request<typeof RawLinesRequestSchema, RawLines>(RawLinesRequestSchema),
  /**
   * A draft closed without being saved: forgets its pasted or uploaded source and deletes the bytes
   * Intake kept, unless an import or another draft's dataset still uses it. A file opened by path is
   * the user's own and stays.
   */
  'sources:forget': request<typeof SourceIdSchema, { forgotten: boolean }>(SourceIdSchema),
  /** Starts staging a source with the dialect its preview settles on (overrides win). */
  'datasets:stage': request<typeof StageRequestSchema, Dataset>(StageRequestSchema),
  'datasets:get': request<typeof DatasetIdSchema, Dataset>(DatasetIdSchema),
  'datasets:cancel': request<typeof DatasetIdSchema, Dataset>(DatasetIdSchema),
  /** Stops a dataset's staging if it runs and deletes its rows and record (a superseded or closed preview). */
  'datasets:drop': request<typeof DatasetIdSchema, { dropped: boolean }>(DatasetIdSchema),
  /** A page of staged rows, optionally sorted and filtered. */
  'datasets:rows': request<typeof RowsRequestSchema, RowsPage>(RowsRequestSchema),
  /** The workspace's ID types, hard first. */
  'ids:listTypes': request<typeof EmptyPayload, IdType[]>(EmptyPayload),
  'ids:addType': request<typeof AddIdTypeSchema, IdType[]>(AddIdTypeSchema),
  /** Attributes that already exist for an import type (and its event type or catalog). */
  'attributes:list': request<typeof ListAttributesSchema, Attribute[]>(ListAttributesSchema),
  /** Checks a mapping over every row of a staged dataset (in a worker; unchanged columns reused). */
  'mapping:validate': request<typeof ValidateMappingSchema, ValidationSummary>(ValidateMappingSchema),
  /** What a cleanup step would change over every staged row (in a worker), before it is applied. */
  'mapping:previewStep': request<typeof PreviewStepSchema, StepPreview>(PreviewStepSchema),
  /** Each row's fill-down carry-in, for grid pages from the middle of the file (in a worker). */
  'mapping:fillCarries': request<typeof FillCarriesSchema, (FillCarry | null)[]>(FillCarriesSchema),
  /** Which grid rows the mapping's dedupe steps remove (the same request: dataset, mapping, row numbers). */
  'mapping:removedRows': request<typeof FillCarriesSchema, boolean[]>(FillCarriesSchema),
  /** The customers a customers/events import's rows resolve to, merges and conflicts (in a worker). */
  'mapping:previewIdentities': request<typeof ValidateMappingSchema, IdentityPreview>(ValidateMappingSchema),
  /** Saves an import definition (new, or the one with the given id); refused while requirements are unmet. */
  'imports:save': request<typeof SaveImportSchema, ImportDefinition>(SaveImportSchema),
  'imports:list': request<typeof EmptyPayload, ImportDefinition[]>(EmptyPayload),
  'imports:get': request<typeof ImportIdSchema, ImportDefinition>(ImportIdSchema),
  /** Saved imports whose header fingerprint matches this header, offered as recipes. */
  'imports:recipeOffers': request<typeof RecipeOffersSchema, RecipeOffer[]>(RecipeOffersSchema),
  /** Saved imports with their source, newest run and last sync (the Imports page). */
  'imports:overview': request<typeof EmptyPayload, ImportOverview[]>(EmptyPayload),
  /**
   * "Resync with source": reads the import's source again (a query runs with a row limit) and
   * tells which columns it has that the import does not map yet, and which mapped ones are gone.
   * The import itself is not changed.
   */
  'imports:resync': request<typeof ImportIdSchema, ResyncResult>(ImportIdSchema),
  /** Where an import's runs write: the workspace, or a platform or PostgreSQL connection it pushes to. */
  'imports:setDestination': request<typeof SetDestinationSchema, ImportDefinition>(SetDestinationSchema),
  /** A copy of an import under a new name ("… (copy)"), without its runs. */
  'imports:duplicate': request<typeof ImportIdSchema, ImportDefinition>(ImportIdSchema),
  /**
   * Deletes an import (cancelling its active runs) and forgets its remembered files; its data is
   * kept, or expires in 30 days. Its run history stays.
   */
  'imports:delete': request<typeof DeleteImportSchema, { deleted: boolean; dataExpiresAt: string | null }>(
    DeleteImportSchema,
  ),
  /**
   * "Read everything again": forgets an incremental import's cursor, so its next run reads every
   * row (`reset`: whether it had one). Refused while a run of it is loading or processing.
   */
  'imports:resetCursor': request<typeof ImportIdSchema, { reset: boolean }>(ImportIdSchema),
  /** Queues a run of a saved import; returns at once (progress arrives as `runs:progress`). */
  'runs:start': request<typeof StartRunSchema, Run>(StartRunSchema),
  /** Runs, newest first (of one import, or all). */
  'runs:list': request<typeof ListRunsSchema, Run[]>(ListRunsSchema),
  'runs:get': request<typeof RunIdSchema, Run>(RunIdSchema),
  /** Cancels a queued or active run; processing stops between batches and leaves no rows. */
  'runs:cancel': request<typeof RunIdSchema, Run>(RunIdSchema),
  /** A page of a run's rejected rows, in row order. */
  'runs:rejects': request<typeof RejectsRequestSchema, Page<RunReject>>(RejectsRequestSchema),
  /**
   * A run's rejects as CSV (row, column, value, reason) for download, in parts of
   * REJECTS_CSV_PART_ROWS rows: ask again after `lastRow` until it is null.
   */
  'runs:rejectsCsv': request<typeof RejectsCsvRequestSchema, RejectsCsvPart>(RejectsCsvRequestSchema),
  /**
   * Exports the mapped records of a staged dataset as CSV or NDJSON (a run with a file destination);
   * `started` is null when the user cancelled the Save dialog.
   */
  'exports:start': request<typeof StartExportSchema, { started: ExportStarted | null }>(StartExportSchema),
  /** Saved connections, never with their secrets. */
  'connections:list': request<typeof EmptyPayload, ConnectionSummary[]>(EmptyPayload),
  'connections:get': request<typeof ConnectionIdSchema, ConnectionSummary>(ConnectionIdSchema),
  /** Saves a connection; its secret goes to the OS keychain and is never shown again. */
  'connections:create': request<typeof CreateConnectionSchema, ConnectionSummary>(CreateConnectionSchema),
  /** Renames a connection or changes its settings (not its kind, not its secret). */
  'connections:update': request<typeof UpdateConnectionSchema, ConnectionSummary>(UpdateConnectionSchema),
  /** Replaces a connection's secret in the keychain. */
  'connections:replaceSecret': request<typeof ReplaceSecretSchema, ConnectionSummary>(ReplaceSecretSchema),
  /** Deletes a connection and its secret; refused while an import uses it, naming the imports. */
  'connections:delete': request<typeof ConnectionIdSchema, { deleted: true }>(ConnectionIdSchema),
  /** A copy of a connection under a new name ("… (copy)"), with a copy of its secret. */
  'connections:duplicate': request<typeof ConnectionIdSchema, ConnectionSummary>(ConnectionIdSchema),
  /** Tests a connection within its connect timeout; the coded outcome is kept as its last test. */
  'connections:test': request<typeof TestConnectionSchema, ConnectionSummary>(TestConnectionSchema),
  /** Pins an SFTP server's host key (SHA256:…) the user checked, then tests again. */
  'connections:trustHostKey': request<typeof TrustHostKeySchema, ConnectionSummary>(TrustHostKeySchema),
  /** A database connection's schemas, tables and columns (the schema browser; "Resync with source"). */
  'sources:tables': request<typeof TestConnectionSchema, TableInfo[]>(TestConnectionSchema),
  /** The files a registered storage source's path or pattern matches, with size, time and whether imported. */
  'sources:files': request<typeof SourceFilesSchema, StorageFileInfo[]>(SourceFilesSchema),
  /** Every import's schedule or new-file trigger, in words, with its next due time. */
  'automation:list': request<typeof EmptyPayload, AutomationState[]>(EmptyPayload),
  /**
   * Sets an import's schedule or new-file trigger (null removes it). Refused for a dropped or
   * pasted file (it never changes), a trigger on anything but file storage or with the rule 'all',
   * more than 200 matching files, and a schedule that would never run.
   */
  'automation:set': request<typeof SetAutomationSchema, { automation: AutomationState | null }>(
    SetAutomationSchema,
  ),
  /** Pauses or resumes; a resumed schedule's next run is counted from now. */
  'automation:pause': request<typeof PauseAutomationSchema, AutomationState>(PauseAutomationSchema),
  /** A schedule in words, what the editor must say about it, and its next due times. */
  'automation:preview': request<typeof PreviewScheduleSchema, SchedulePreview>(PreviewScheduleSchema),
  /** Workspace browser: customers, optionally those with an ID containing the search text. */
  'browse:customers': request<typeof SearchPageSchema, Page<CustomerSummary>>(SearchPageSchema),
  'browse:customer': request<typeof CustomerIdSchema, CustomerProfile>(CustomerIdSchema),
  /** A customer's event timeline, newest first. */
  'browse:customerEvents': request<typeof CustomerEventsSchema, Page<EventItem>>(CustomerEventsSchema),
  'browse:eventTypes': request<typeof EmptyPayload, EventTypeSummary[]>(EmptyPayload),
  /** Events of one type, last imported first. */
  'browse:events': request<typeof EventsByTypeSchema, Page<EventItem>>(EventsByTypeSchema),
  'browse:catalogs': request<typeof EmptyPayload, CatalogSummary[]>(EmptyPayload),
  'browse:catalogItems': request<typeof CatalogItemsSchema, Page<CatalogItem>>(CatalogItemsSchema),
  /** Identity links that have not expired, optionally those with a value containing the search text. */
  'browse:identityLinks': request<typeof SearchPageSchema, Page<IdentityLink>>(SearchPageSchema),
  'browse:groups': request<typeof PageSchema, Page<GroupSummary>>(PageSchema),
  'browse:groupMembers': request<typeof GroupMembersSchema, Page<GroupMember>>(GroupMembersSchema),
  'browse:voucherPools': request<typeof EmptyPayload, VoucherPoolSummary[]>(EmptyPayload),
  'browse:voucherCodes': request<typeof VoucherCodesSchema, Page<VoucherCode>>(VoucherCodesSchema),
};

/**
 * The web host's one binary route: POST the file's bytes to `UPLOAD_PATH?name=<file name>`
 * (browsers have no file paths). It answers a Result<SourceRef> like every request.
 */
export const UPLOAD_PATH = '/upload';

/**
 * The web host's download of a finished export: GET `EXPORT_DOWNLOAD_PATH + <run id>` returns the
 * file (the desktop app saves exports where the user chose instead).
 */
export const EXPORT_DOWNLOAD_PATH = '/exports/';

/** Every event the host pushes to the renderer. */
export const events = {
  'settings:changed': event<Settings>(),
  'menu:command': event<MenuCommand>(),
  /** Staging progress, a few times a second, and once more when a dataset settles. */
  'datasets:progress': event<DatasetProgress>(),
  /** Run progress (loading and processing), a few times a second, and once when a run ends. */
  'runs:progress': event<RunProgress>(),
  /** A run a schedule or a trigger started failed (or could not start): the desktop notifies. */
  'automation:runFailed': event<AutomationFailure>(),
  /** Show a run (a clicked desktop notification): the Imports page with the run's detail open. */
  'runs:show': event<{ importId: string; runId: string | null }>(),
};

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;

/** What the renderer sends for request N. */
export type RequestPayload<N extends RequestName> = z.input<(typeof requests)[N]['schema']>;
/** What a handler receives for request N, after validation. */
export type ParsedPayload<N extends RequestName> = z.output<(typeof requests)[N]['schema']>;
/** What request N answers with when it succeeds. */
export type RequestResult<N extends RequestName> = NonNullable<(typeof requests)[N]['result']>;
/** What event N carries. */
export type EventPayload<N extends EventName> = NonNullable<(typeof events)[N]['payload']>;

export const requestNames = Object.keys(requests) as RequestName[];

/**
 * Requests only the preload may send. `sources:addPath` takes a filesystem path, and the renderer
 * must never hand main a path main did not approve: the preload resolves it from a dropped File
 * itself (IntakeFiles.addFile), so page script cannot name an arbitrary file.
 */
export const PRELOAD_ONLY_REQUESTS = ['sources:addPath'] as const;

/** Requests the renderer may send. */
export type RendererRequestName = Exclude<RequestName, (typeof PRELOAD_ONLY_REQUESTS)[number]>;

/** The requests exposed to the renderer by either transport. */
export const rendererRequestNames = requestNames.filter(
  (name): name is RendererRequestName => !(PRELOAD_ONLY_REQUESTS as readonly string[]).includes(name),
);
export const eventNames = Object.keys(events) as EventName[];

/** True when a string names a request of the contract. */
export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

/** True when a string names an event of the contract. */
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** A handler table: one function per request; each shell receives the same table. */
export type Handlers = {
  [N in RequestName]: (payload: ParsedPayload<N>) => Promise<RequestResult<N>> | RequestResult<N>;
};

/** The object a shell exposes to the renderer (the preload's `window.intake`, or the web transport). */
export interface IntakeApi {
  shell: 'electron' | 'web';
  request: { [N in RendererRequestName]: (payload: RequestPayload<N>) => Promise<Result<RequestResult<N>>> };
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}

/** Desktop only, set by the preload: registers a dropped or picked File as a source by its path. */
export interface IntakeFiles {
  addFile(file: File): Promise<Result<RequestResult<'sources:addPath'>>>;
}
