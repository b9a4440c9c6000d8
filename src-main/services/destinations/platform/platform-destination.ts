import { IntakeError } from '../../../../src-shared/errors';
import type { RowReject } from '../../../../src-shared/mapping/map-row';
import type { DryRunReport, PushSummary } from '../../../../src-shared/model/run';
import type { ResolvedConnection } from '../../sources/connections/resolved-connection';
import type {
  Destination,
  DestinationContext,
  DestinationSession,
  RunIdentity,
  RunInput,
  RunSink,
} from '../destination';
import { unhashedPersonalColumns } from '../../../../src-shared/mapping/personal-data';
import { personalDataGuard } from '../personal-data-guard';
import { Outbox, type OutboxRecord, type OutboxRequest } from './outbox';
import { platformApi } from './platform-api';
import { commandBuilder } from './platform-commands';
import { DEFAULT_SEND_POLICY, PlatformSender, type SendCounters, type SendPolicy } from './platform-sender';

/** Requests written to the outbox per transaction while a run builds them. */
const OUTBOX_WRITE = 50;
/** Requests read back from the outbox at a time while sending: memory stays flat. */
const SEND_PAGE = 64;

/**
 * A platform's batch API (Bloomreach-style or Segment-compatible) as a destination. A run first
 * sends what an interrupted run of the same import left in the outbox, then builds its own
 * requests into the outbox — only records new or changed since this destination last took them
 * (the delta) — and sends them, each acknowledgement deleting its request and remembering its
 * records in one transaction. Nothing holds the workspace's write lock.
 */
export const platformDestination: Destination<'platform'> = {
  kind: 'platform',
  open: (_spec, run, context) => new PlatformSession(run, context),
};

class PlatformSession implements DestinationSession {
  private readonly connection: ResolvedConnection;
  private readonly outbox: Outbox;
  private readonly summary: PushSummary = {
    sent: 0,
    skipped: 0,
    quarantined: 0,
    requests: 0,
    retried: 0,
    waited429: 0,
    resumed: 0,
    lastError: null,
  };
  private sender: PlatformSender | null = null;
  private readonly dryRun: boolean;
  private readonly onlyRow: number | undefined;

  constructor(
    private readonly run: RunIdentity,
    context: DestinationContext,
  ) {
    this.dryRun = context.dryRun === true;
    this.onlyRow = context.onlyRow;
    if (!context.connection) {
      throw new IntakeError('VALIDATION', 'A platform push needs its saved connection.', {
        runId: run.runId,
      });
    }
    this.connection = context.connection;
    this.outbox = new Outbox(context.workspaceDir, this.connection.id, run.importId, context.nativeBinding);
  }

  async write(input: RunInput, sink: RunSink): Promise<void> {
    const api = platformApi(this.connection, input.mapping);
    const build = commandBuilder(api.flavor, input.mapping, this.run.runId, new Date());
    // Personal data leaves the machine hashed (the PII guardrail).
    const guard = personalDataGuard(input.mapping);
    const unhashed = unhashedPersonalColumns(input.mapping);
    let warnings =
      unhashed.length > 0
        ? [`Sent unhashed although they hold personal data, as the mapping says: ${unhashed.join(', ')}.`]
        : [];
    const counters: SendCounters = this.summary;
    this.sender = new PlatformSender(api, policyOf(this.connection), counters, sink.signal);

    // What a killed run left: sent first, as it was, so the delta below sees it acknowledged.
    const leftBehind = this.outbox.leftBehind(this.outbox.runIsLive());
    for (let at = 0; at < leftBehind.length && !this.dryRun; at += SEND_PAGE) {
      await this.sendAll(leftBehind.slice(at, at + SEND_PAGE), sink, true);
    }
    const dry: DryRunReport = { commands: {}, requests: 0, bytes: 0, quarantinedToRetry: 0, examples: [] };
    const quarantinedKeys = this.dryRun ? new Set(this.outbox.quarantined().map((item) => item.key)) : null;

    const fingerprintOf = this.outbox.fingerprintOf();
    let seq = 0;
    let records: OutboxRecord[] = [];
    let texts: string[] = [];
    let bytes = 0;
    let ready: Omit<OutboxRequest, 'state'>[] = [];
    const close = () => {
      if (records.length === 0) return;
      seq++;
      if (this.dryRun) {
        const body = api.envelope(texts);
        dry.requests++;
        dry.bytes += Buffer.byteLength(body);
        if (dry.examples.length < 3) dry.examples.push(body);
        records = [];
        texts = [];
        bytes = 0;
        return;
      }
      ready.push({
        runId: this.run.runId,
        seq,
        requestId: `${this.run.runId}:${seq}`,
        body: api.envelope(texts),
        records,
      });
      records = [];
      texts = [];
      bytes = 0;
      if (ready.length >= OUTBOX_WRITE) {
        this.outbox.add(ready);
        ready = [];
      }
    };
    for (const batch of input.batches()) {
      const rejects: RowReject[] = [...batch.rejects];
      let unchanged = 0;
      let wouldSend = 0;
      let otherRows = 0;
      for (const item of batch.items) {
        // "Test a record": the other rows are read and left alone.
        if (this.onlyRow !== undefined && item.rowNumber !== this.onlyRow) {
          otherRows++;
          continue;
        }
        const guarded = guard ? guard(item) : null;
        if (guarded && !guarded.ok) {
          rejects.push({
            rowNumber: item.rowNumber,
            column: guarded.column,
            value: guarded.value,
            reason: guarded.reason,
          });
          continue;
        }
        const record = guarded ? guarded.record : item;
        const command = build(record);
        if (typeof command === 'string') {
          rejects.push({ rowNumber: record.rowNumber, column: null, value: '', reason: command });
          continue;
        }
        if (this.onlyRow === undefined && fingerprintOf(command.key) === command.fingerprint) {
          unchanged++;
          continue;
        }
        const text = JSON.stringify(command.body);
        const size = Buffer.byteLength(text);
        if (size > api.maxRecordBytes) {
          rejects.push({
            rowNumber: record.rowNumber,
            column: null,
            value: '',
            reason: `The record is ${size.toLocaleString('en')} bytes as JSON, over the API's ${api.maxRecordBytes.toLocaleString('en')}-byte limit for one message.`,
          });
          continue;
        }
        if (records.length >= api.maxRecords || bytes + size + records.length + 64 > api.maxBytes) close();
        records.push({
          rowNumber: command.rowNumber,
          key: command.key,
          fingerprint: command.fingerprint,
          command: command.body,
        });
        if (this.dryRun) {
          wouldSend++;
          const kind = commandKind(command.body);
          dry.commands[kind] = (dry.commands[kind] ?? 0) + 1;
          if (quarantinedKeys?.has(command.key)) dry.quarantinedToRetry++;
        }
        texts.push(text);
        bytes += size;
      }
      this.summary.skipped += unchanged;
      sink.applied({
        read: batch.read,
        imported: wouldSend,
        updated: 0,
        deduplicated: unchanged,
        rejects,
        skipped: batch.skipped + otherRows,
        newest: batch.newest,
        warnings,
      });
      warnings = [];
      sink.checkpoint();
    }
    close();
    if (this.dryRun) {
      this.summary.sent = Object.values(dry.commands).reduce((sum, count) => sum + count, 0);
      this.summary.requests = dry.requests;
      this.summary.resumed = leftBehind.reduce((sum, request) => sum + request.records.length, 0);
      this.summary.dryRun = dry;
      this.outbox.recordSummary(this.run.runId, this.summary);
      return;
    }
    if (ready.length > 0) this.outbox.add(ready);
    this.outbox.recordSummary(this.run.runId, this.summary);

    for (;;) {
      const page = this.outbox.requestsOf(this.run.runId, SEND_PAGE);
      if (page.length === 0) break;
      await this.sendAll(page, sink, false);
    }
  }

  commit(): void {
    this.outbox.recordSummary(this.run.runId, this.summary);
    this.close();
  }

  abort(): void {
    // Requests that never left are dropped; one that may have reached the platform stays for the
    // next run to send again (the one case where the platform may see a record twice). A dry run
    // ends here too, having written nothing.
    try {
      this.outbox.recordSummary(this.run.runId, this.summary);
      if (!this.dryRun) this.outbox.dropUnsent(this.run.runId);
    } finally {
      this.close();
    }
  }

  private close(): void {
    void this.sender?.close();
    this.outbox.close();
  }

  /** Sends requests (the sender keeps the concurrency and rate) and records each answer. */
  private async sendAll(requests: readonly OutboxRequest[], sink: RunSink, resumed: boolean): Promise<void> {
    const sender = this.sender!;
    await Promise.all(
      requests.map(async (request) => {
        this.outbox.markSending(request);
        const results = await sender.send(request.body, request.requestId, request.records.length);
        this.outbox.acknowledge(request, results, this.run.runId);
        const refused: RowReject[] = [];
        results.forEach((result, at) => {
          if (result.ok) return;
          const record = request.records[at]!;
          refused.push({
            rowNumber: record.rowNumber,
            column: null,
            value: record.key,
            reason: `Quarantined: the platform refused it: ${result.reason ?? 'no reason given'}`,
          });
        });
        const taken = request.records.length - refused.length;
        this.summary.sent += taken;
        this.summary.quarantined += refused.length;
        if (resumed) this.summary.resumed += request.records.length;
        // Rows of a resumed request were counted by the run that read them.
        sink.applied({
          read: 0,
          imported: resumed ? 0 : taken,
          updated: 0,
          deduplicated: 0,
          rejects: resumed ? [] : refused,
          skipped: 0,
          newest: null,
          warnings: [],
        });
      }),
    );
    this.outbox.recordSummary(this.run.runId, this.summary);
  }
}

/** A command's kind for a dry run's counts: its name, message type, or a catalog item. */
function commandKind(body: Record<string, unknown>): string {
  if (typeof body.name === 'string') return body.name;
  if (typeof body.type === 'string') return body.type;
  return 'catalog_item';
}

/** The connection's limits, or the documented defaults. */
function policyOf(connection: ResolvedConnection): SendPolicy {
  const settings = connection.settings as { concurrency?: number; requestsPerSecond?: number };
  return {
    ...DEFAULT_SEND_POLICY,
    ...(settings.concurrency ? { concurrency: settings.concurrency } : {}),
    ...(settings.requestsPerSecond !== undefined ? { requestsPerSecond: settings.requestsPerSecond } : {}),
  };
}
