// The types of test/servers/platform-fake.mjs, for the TypeScript tests that import it (the .mjs
// itself is imported with `// @ts-expect-error -- a plain .mjs test server` and cast to these).

export type PlatformApi = 'bloomreach' | 'catalog' | 'segment';

/** A command, catalog item or Segment message as the fake saw it. */
export interface FakeCommand {
  api: PlatformApi;
  /** The project token (bloomreach, catalog) or the write key (segment). */
  key: string;
  catalogId: string | null;
  /** 'customers' | 'customers/events', 'catalog_item', or the Segment message type. */
  name: string;
  /** The command's `data`, the catalog item, or the whole Segment message. */
  data: unknown;
  /** command_id, item_id or messageId; null when the command had none. */
  id: string | null;
  /** Index of its request in `requests()`. */
  request: number;
}

export interface ReceivedCommand extends FakeCommand {
  /** Its request's answer was written in full (false: dropped, or the client left during a delay). */
  acknowledged: boolean;
}

export interface RejectedCommand extends FakeCommand {
  reason: string;
}

export interface FakeRequest {
  index: number;
  method: string;
  path: string;
  api: PlatformApi | null;
  status: number | 'dropped' | 'client-closed' | null;
  answered: boolean;
  bytes: number;
  commands: number;
  user: string | null;
  at: number;
}

export interface FakeStats {
  requests: number;
  /** Keyed by status ('200', '429', …) and 'dropped' / 'client-closed'. */
  byStatus: Record<string, number>;
  accepted: number;
  rejected: number;
  distinctIds: number;
  duplicateIds: number;
}

/** A failWhen rule as control JSON (conditions AND-ed). */
export interface FailWhenSpec {
  field?: string;
  contains?: string | number;
  equals?: unknown;
  matches?: string;
  exists?: boolean;
  api?: PlatformApi;
  name?: string;
  ids?: string[];
  reason?: string;
}

/** What `POST /__control` and `fake.control()` take; every key optional. */
export interface FakeControl {
  reset?: boolean;
  rateLimit?: number | { count: number; retryAfter?: number };
  fail?: number | { count: number; status?: number };
  delay?: number | { ms: number; count?: number | null };
  failWhen?: FailWhenSpec | FailWhenSpec[] | null;
  reason?: string;
  dropAfterReceive?: number | { count: number };
  requireTimestamps?: boolean;
}

export interface FakeSwitches {
  rateLimit: { count: number; retryAfter: number };
  fail: { count: number; status: number };
  delay: { ms: number; remaining: number | null };
  dropAfterReceive: number;
  failWhen: unknown[];
  requireTimestamps: boolean;
}

export interface FakeState {
  switches: FakeSwitches;
  stats: FakeStats;
  duplicates: { id: string; count: number }[];
  received?: ReceivedCommand[];
  rejected?: RejectedCommand[];
  requests?: FakeRequest[];
  ids?: Record<string, number>;
}

export interface PlatformCredentials {
  projectToken: string;
  apiKey: string;
  apiSecret: string;
  writeKey: string;
}

export interface PlatformFakeOptions extends Partial<PlatformCredentials> {
  catalogs?: string[];
  requireTimestamps?: boolean;
  record?: 'full' | 'counts';
  controlToken?: string;
}

export interface PlatformFake {
  url: string;
  port: number;
  controlToken: string;
  credentials: PlatformCredentials;
  rateLimit(count: number, retryAfterSeconds?: number): void;
  failNext(count: number, status?: number): void;
  delay(ms: number, count?: number | null): void;
  failWhen(predicate: (command: FakeCommand) => boolean | string, reason?: string): () => void;
  clearFailWhen(): void;
  dropAfterReceive(count: number): void;
  requireTimestamps(on?: boolean): void;
  control(json: FakeControl): FakeState;
  received(): ReceivedCommand[];
  rejected(): RejectedCommand[];
  receiveCount(id: string): number;
  duplicates(): { id: string; count: number }[];
  requests(): FakeRequest[];
  stats(): FakeStats;
  catalog(catalogId: string): Record<string, unknown>;
  state(include?: ('received' | 'rejected' | 'requests' | 'ids')[]): FakeState;
  reset(): void;
  close(): Promise<void>;
}

/** The process mode's startup line. */
export interface PlatformFakeStartup extends PlatformCredentials {
  url: string;
  port: number;
  controlToken: string;
}
