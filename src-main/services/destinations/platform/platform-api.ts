import { IntakeError } from '../../../../src-shared/errors';
import type { ConnectionSettings } from '../../../../src-shared/model/connection';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ResolvedConnection } from '../../sources/connections/resolved-connection';
import type { PlatformFlavor } from './platform-commands';
import type { RecordResult } from './outbox';

/** How one platform API takes requests: where, in what envelope, how large, and how it answers. */
export interface PlatformApi {
  flavor: PlatformFlavor;
  method: 'POST' | 'PUT';
  url: string;
  authorization: string;
  /** Records per request. */
  maxRecords: number;
  /** Bytes of a request body. */
  maxBytes: number;
  /** Bytes of one record (a larger one is rejected, not sent). */
  maxRecordBytes: number;
  /** The request body around the records' JSON texts. */
  envelope(records: readonly string[]): string;
  /** The records of a request body, in order: the envelope's inverse (quarantine keeps them). */
  commands(body: string): unknown[];
  /** Each record's outcome from a 2xx answer, in request order. */
  results(answer: unknown, count: number): RecordResult[];
}

/** The seeds' and the APIs' limits. */
const BLOOMREACH_COMMANDS = 50;
const SEGMENT_REQUEST_BYTES = 500 * 1024;
const SEGMENT_MESSAGE_BYTES = 32 * 1024;
/** Bloomreach names no request size; catalog bulk updates stay well inside common proxy limits. */
const BLOOMREACH_REQUEST_BYTES = 10 * 1024 * 1024;
const CATALOG_ITEMS = 50;

/** The API a platform connection and an import's type push to. */
export function platformApi(connection: ResolvedConnection, mapping: ImportMapping): PlatformApi {
  const settings = connection.settings as ConnectionSettings;
  const base = (url: string) => url.replace(/\/+$/, '');
  if (settings.kind === 'bloomreach') {
    const auth = `Basic ${Buffer.from(`${settings.user}:${connection.secret ?? ''}`).toString('base64')}`;
    const project = encodeURIComponent(settings.project);
    if (mapping.importType === 'catalog') {
      const catalog = encodeURIComponent(mapping.options.catalogName);
      return {
        flavor: 'bloomreach',
        method: 'PUT',
        url: `${base(settings.endpoint)}/data/v2/projects/${project}/catalogs/${catalog}/items`,
        authorization: auth,
        maxRecords: CATALOG_ITEMS,
        maxBytes: BLOOMREACH_REQUEST_BYTES,
        maxRecordBytes: BLOOMREACH_REQUEST_BYTES,
        envelope: (records) => `[${records.join(',')}]`,
        commands: (body) => JSON.parse(body) as unknown[],
        results: (answer, count) => perItem(Array.isArray(answer) ? answer : null, count),
      };
    }
    return {
      flavor: 'bloomreach',
      method: 'POST',
      url: `${base(settings.endpoint)}/track/v2/projects/${project}/batch`,
      authorization: auth,
      maxRecords: BLOOMREACH_COMMANDS,
      maxBytes: BLOOMREACH_REQUEST_BYTES,
      maxRecordBytes: BLOOMREACH_REQUEST_BYTES,
      envelope: (records) => `{"commands":[${records.join(',')}]}`,
      commands: (body) => (JSON.parse(body) as { commands: unknown[] }).commands,
      results: (answer, count) => perItem(resultsOf(answer), count),
    };
  }
  if (settings.kind === 'segment') {
    return {
      flavor: 'segment',
      method: 'POST',
      url: `${base(settings.endpoint)}/v1/batch`,
      // The write key is the user; the password is empty.
      authorization: `Basic ${Buffer.from(`${connection.secret ?? ''}:`).toString('base64')}`,
      maxRecords: Number.POSITIVE_INFINITY,
      maxBytes: SEGMENT_REQUEST_BYTES,
      maxRecordBytes: SEGMENT_MESSAGE_BYTES,
      envelope: (records) => `{"batch":[${records.join(',')}]}`,
      commands: (body) => (JSON.parse(body) as { batch: unknown[] }).batch,
      // A Segment batch is taken whole or refused whole.
      results: (_answer, count) => Array.from({ length: count }, () => ({ ok: true })),
    };
  }
  throw new IntakeError(
    'VALIDATION',
    `The connection "${connection.name}" is a ${settings.kind} connection: a platform push needs a Bloomreach or Segment-compatible one.`,
    { connection: connection.name },
  );
}

function resultsOf(answer: unknown): unknown[] | null {
  if (answer && typeof answer === 'object' && Array.isArray((answer as { results?: unknown }).results)) {
    return (answer as { results: unknown[] }).results;
  }
  return null;
}

/** Per-record outcomes from `{success, errors}` items; a missing list means every record is taken. */
function perItem(items: unknown[] | null, count: number): RecordResult[] {
  if (items === null) return Array.from({ length: count }, () => ({ ok: true }));
  return Array.from({ length: count }, (_, at) => {
    const item = items[at] as { success?: unknown; errors?: unknown; error?: unknown } | undefined;
    if (!item) return { ok: false, reason: 'The platform gave no result for this record.' };
    if (item.success !== false) return { ok: true };
    return { ok: false, reason: reasonOf(item.errors ?? item.error) || 'refused without a reason' };
  });
}

/** A refusal's reason: a list of messages, or (catalog items) messages keyed by field. */
function reasonOf(errors: unknown): string {
  if (errors === undefined || errors === null) return '';
  if (Array.isArray(errors)) return errors.map(String).join('; ');
  if (typeof errors === 'object') {
    return Object.entries(errors as Record<string, unknown>)
      .map(
        ([field, messages]) =>
          `${field}: ${Array.isArray(messages) ? messages.join(', ') : String(messages)}`,
      )
      .join('; ');
  }
  return String(errors);
}
