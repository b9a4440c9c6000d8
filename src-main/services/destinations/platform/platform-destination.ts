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
import { Acknowledgements } from './acknowledgements';
import { NOTHING_REMEMBERED } from './delta-memory';
import { Outbox, type OutboxRequest } from './outbox';
import { platformApi, type PlatformApi } from './platform-api';
import { commandPreparer, type CommandPreparerOptions } from './command-preparer';
import { preparedCommandBatches } from './command-pipeline';
import { DEFAULT_SEND_POLICY, PlatformSender, type SendPolicy } from './platform-sender';
import { RequestPacker } from './request-packer';

/** Requests read back from the outbox at a time when resuming: memory stays flat. */
const RESUME_PAGE = 64;
/**
 * Requests handed to the sender and not yet acknowledged, per request the sender may have in
 * flight: enough that the sender never waits for the next batch to be built, few enough that the
 * outbox stays a window (and a killed run leaves little to resend).
 */
const AHEAD_PER_SLOT = 8;
/**
 * Records per batch: each is turned into its command as it is mapped, so few mapped records are
 * alive at a young-generation GC (2,000 kept more of them alive past one, and cost more).
 */
const BATCH_RECORDS = 500;
/** Pushes of this many rows or more build their commands on a second thread (command-pipeline.ts). */
const PIPELINE_FROM_ROWS = 20_000;
/** How often a push's figures are written to its run while it goes. */
const SUMMARY_EVERY_MS = 500;

/**
 * A platform's batch API (Bloomreach-style or Segment-compatible) as a destination. A run first
 * sends what an interrupted run of the same import left in the outbox, then builds its requests —
 * only records new or changed since this destination last took them (the delta) — and sends them
 * as it goes: each batch's requests are written to the outbox, then handed to the sender while the
 * next batch is built, and each answer deletes its request and remembers its records (answers that
 * arrive together in one transaction). Nothing holds the workspace's write lock.
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
  private readonly pipelineFromRows: number;
  /** Requests handed to the sender and not yet acknowledged. */
  private readonly inFlight = new Set<Promise<void>>();
  /** The first failure of a request in flight: the run stops with it. */
  private failure: { error: unknown } | null = null;
  /** When the run's figures were last written (the run detail reads them as the push goes). */
  private summaryAt = 0;

  constructor(
    private readonly run: RunIdentity,
    context: DestinationContext,
  ) {
    this.dryRun = context.dryRun === true;
    this.onlyRow = context.onlyRow;
    this.pipelineFromRows = context.pipelineFromRows ?? PIPELINE_FROM_ROWS;
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
    const unhashed = unhashedPersonalColumns(input.mapping);
    let warnings =
      unhashed.length > 0
        ? [`Sent unhashed although they hold personal data, as the mapping says: ${unhashed.join(', ')}.`]
        : [];
    const policy = policyOf(this.connection);
    const ahead = Math.max(16, policy.concurrency * AHEAD_PER_SLOT);

    // What a killed run left: sent first, as it was, so the delta below sees it acknowledged.
    const leftBehind = new Acknowledgements(this.outbox, this.run.runId, Date.now());
    this.sender = new PlatformSender(api, policy, this.summary, sink.signal);
    for (const runId of this.outbox.leftBehindRuns(this.outbox.runIsLive())) {
      for (let afterSeq = 0; ;) {
        const page = this.outbox.requestsOf(runId, afterSeq, RESUME_PAGE);
        if (page.length === 0) break;
        afterSeq = page.at(-1)!.seq;
        if (this.dryRun) {
          this.summary.resumed += page.reduce((sum, request) => sum + request.records.length, 0);
          continue;
        }
        for (const request of page) this.dispatch(request, api, leftBehind, sink, true);
        await this.drainTo(ahead);
      }
    }
    await this.drainTo(0);

    // After the left-behind answers (so the delta sees them), before any of this run's.
    const asOf = Date.now() + 1;
    const acknowledgements = new Acknowledgements(this.outbox, this.run.runId, asOf);
    this.outbox.memory.merge();
    const unchanged = this.outbox.memory.unchangedSince(asOf);
    const remembersAny = unchanged !== NOTHING_REMEMBERED;
    const dry: DryRunReport = { commands: {}, requests: 0, bytes: 0, quarantinedToRetry: 0, examples: [] };
    const quarantinedKeys = this.dryRun ? new Set(this.outbox.quarantined().map((item) => item.key)) : null;
    let seq = 0;
    let ready: OutboxRequest[] = [];
    const packer = new RequestPacker(api, (body, records) => {
      seq++;
      if (this.dryRun) {
        dry.requests++;
        dry.bytes += Buffer.byteLength(body);
        if (dry.examples.length < 3) dry.examples.push(body);
        return;
      }
      ready.push({
        runId: this.run.runId,
        seq,
        requestId: `${this.run.runId}:${seq}`,
        body,
        records,
        sending: false,
      });
    });
    /** The batch's requests go to the outbox, then to the sender; the build waits if it is far ahead. */
    const send = async () => {
      if (ready.length > 0) {
        this.outbox.add(ready);
        for (const request of ready) this.dispatch(request, api, acknowledgements, sink, false);
        ready = [];
      }
      await this.drainTo(ahead);
    };

    const preparing: CommandPreparerOptions = {
      flavor: api.flavor,
      mapping: input.mapping,
      runId: this.run.runId,
      runStartedAt: new Date(),
      maxRecordBytes: api.maxRecordBytes,
      onlyRow: this.onlyRow,
    };
    // A large push builds its commands on a thread of its own while this one sends.
    const prepared =
      input.rowCount >= this.pipelineFromRows && this.onlyRow === undefined
        ? preparedCommandBatches(input.portable, preparing, BATCH_RECORDS)
        : input.batches({ prepare: commandPreparer(preparing), items: BATCH_RECORDS });
    for await (const batch of prepared) {
      let skipped = 0;
      let wouldSend = 0;
      this.outbox.reading(remembersAny, () => {
        for (const command of batch.items) {
          const { keyHash, fingerprint } = command;
          // "Test a record" sends its record whether or not it changed.
          if (this.onlyRow === undefined && unchanged(keyHash, fingerprint)) {
            skipped++;
            continue;
          }
          packer.add(command.text, command.size, {
            rowNumber: command.rowNumber,
            key: command.key,
            keyHash,
            fingerprint,
          });
          if (this.dryRun) {
            wouldSend++;
            dry.commands[command.kind] = (dry.commands[command.kind] ?? 0) + 1;
            if (quarantinedKeys?.has(command.key)) dry.quarantinedToRetry++;
          }
        }
      });
      this.summary.skipped += skipped;
      sink.applied({
        read: batch.read,
        imported: wouldSend,
        updated: 0,
        deduplicated: skipped,
        rejects: batch.rejects,
        // "Test a record": the other rows were read and left alone.
        skipped: batch.read - batch.items.length - batch.rejects.length,
        newest: batch.newest,
        warnings,
      });
      warnings = [];
      sink.checkpoint();
      await send();
    }
    packer.flush();
    if (this.dryRun) {
      this.summary.sent = Object.values(dry.commands).reduce((sum, count) => sum + count, 0);
      this.summary.requests = dry.requests;
      this.summary.dryRun = dry;
      this.outbox.recordSummary(this.run.runId, this.summary);
      return;
    }
    await send();
    await this.drainTo(0);
    this.outbox.memory.merge();
    this.outbox.recordSummary(this.run.runId, this.summary);
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

  /** Hands a request to the sender (which keeps the concurrency and rate) without waiting for it. */
  private dispatch(
    request: OutboxRequest,
    api: PlatformApi,
    acknowledgements: Acknowledgements,
    sink: RunSink,
    resumed: boolean,
  ): void {
    const sent = this.sendOne(request, api, acknowledgements, sink, resumed)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
  }

  /** Waits until at most `limit` requests are unacknowledged; throws the first failure among them. */
  private async drainTo(limit: number): Promise<void> {
    while (this.inFlight.size > limit && !this.failure) await Promise.race(this.inFlight);
    // The others stop with the run (abort closes the sender); those that had left stay marked.
    if (this.failure) throw this.failure.error;
    if (Date.now() - this.summaryAt >= SUMMARY_EVERY_MS) {
      this.summaryAt = Date.now();
      this.outbox.recordSummary(this.run.runId, this.summary);
    }
  }

  /** Sends one request and records its answer: the delta, the quarantine, the run's figures. */
  private async sendOne(
    request: OutboxRequest,
    api: PlatformApi,
    acknowledgements: Acknowledgements,
    sink: RunSink,
    resumed: boolean,
  ): Promise<void> {
    const results = await this.sender!.send(request.body, request.requestId, request.records.length, () =>
      this.outbox.markSending(request),
    );
    await acknowledgements.add({ request, results, commands: api.commands });
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
  }
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
