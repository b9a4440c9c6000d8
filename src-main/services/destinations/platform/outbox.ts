import { join } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { PushSummary } from '../../../../src-shared/model/run';
import { CONTROL_FILE } from '../../workspace/workspace-files';
import { processIsAlive } from '../../workspace/process-alive';
import { DeltaMemory } from './delta-memory';
import { fingerprintNumber } from './record-hash';

/** A request in the outbox: its body as it will be sent, and what its records are. */
export interface OutboxRequest {
  runId: string;
  seq: number;
  requestId: string;
  body: string;
  records: OutboxRecord[];
  /** It had left when its run died: the platform may have it already. */
  sending: boolean;
}

/** A record of a request: its row, and what the delta remembers it by once acknowledged. */
export interface OutboxRecord {
  rowNumber: number;
  /** Its key as text (the quarantine lists it). */
  key: string;
  /** The key's 48-bit hash (record-hash.ts). */
  keyHash: number;
  /** The first 48 bits of its fingerprint. */
  fingerprint: number;
}

/** What a platform answered for one record of an acknowledged request. */
export interface RecordResult {
  ok: boolean;
  reason?: string;
}

/** One answered request: each record's outcome, and how to get its commands back for quarantine. */
export interface Acknowledgement {
  request: OutboxRequest;
  results: readonly RecordResult[];
  /** The request's commands, in record order (parsed from its body only when one was refused). */
  commands(body: string): unknown[];
}

/** A record the platform refused, kept with its command until retried. */
export interface QuarantinedItem {
  key: string;
  rowNumber: number;
  command: unknown;
  fingerprint: number;
  reason: string;
}

/** The platform's control tables are busy only for moments (the app's own writes). */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The durable outbox of a push and what follows from acknowledgements (DESIGN §3: Outbox), on a
 * connection of its own to the control database, in short transactions: the workspace's write
 * lock is never held, and never while the network is in use. A request is written before it is
 * sent, marked in `push_sending` (a tiny row) as it leaves, and deleted together with its effects
 * (the records the platform took appended to the delta's memory, those it refused quarantined)
 * once answered. Acknowledgements come in groups: one transaction for the answers of one turn.
 */
export class Outbox {
  private readonly db: Database;
  /** What this destination took before (the delta), on this connection. */
  readonly memory: DeltaMemory;
  private readonly statements: {
    markSending: Statement;
    release: Statement;
    quarantine: Statement;
    deleteRequest: Statement;
    deleteSending: Statement;
    hasQuarantine: Statement;
  };

  constructor(
    workspaceDir: string,
    readonly destinationId: string,
    readonly importId: string | null,
    nativeBinding?: string,
  ) {
    this.db = new BetterSqlite3(
      join(workspaceDir, CONTROL_FILE),
      nativeBinding ? { nativeBinding, fileMustExist: true } : { fileMustExist: true },
    );
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.memory = new DeltaMemory(this.db, destinationId);
    this.statements = {
      markSending: this.db.prepare(
        `INSERT INTO push_sending (run_id, seq, attempts) VALUES (?, ?, 1)
         ON CONFLICT (run_id, seq) DO UPDATE SET attempts = attempts + 1`,
      ),
      release: this.db.prepare('DELETE FROM push_quarantine WHERE destination_id = ? AND record_key = ?'),
      quarantine: this.db.prepare(
        `INSERT INTO push_quarantine (destination_id, import_id, record_key, run_id, row_number, command, fingerprint, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (destination_id, record_key) DO UPDATE SET run_id = excluded.run_id, row_number = excluded.row_number,
           command = excluded.command, fingerprint = excluded.fingerprint, reason = excluded.reason, created_at = excluded.created_at`,
      ),
      deleteRequest: this.db.prepare('DELETE FROM push_requests WHERE run_id = ? AND seq = ?'),
      deleteSending: this.db.prepare('DELETE FROM push_sending WHERE run_id = ? AND seq = ?'),
      hasQuarantine: this.db
        .prepare('SELECT EXISTS (SELECT 1 FROM push_quarantine WHERE destination_id = ?)')
        .pluck(),
    };
  }

  /**
   * Runs a batch's delta lookups in one read transaction (one snapshot, one lock) when `lookups`
   * says there are any; otherwise just runs them.
   */
  reading<T>(lookups: boolean, read: () => T): T {
    return lookups ? this.db.transaction(read)() : read();
  }

  /** Writes requests of a run, in one short transaction. */
  add(requests: readonly Omit<OutboxRequest, 'sending'>[]): void {
    const insert = this.db.prepare(
      `INSERT INTO push_requests (run_id, seq, import_id, destination_id, request_id, body, records)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const request of requests) {
        insert.run(
          request.runId,
          request.seq,
          this.importId,
          this.destinationId,
          request.requestId,
          request.body,
          JSON.stringify(
            request.records.map((record) => [
              record.rowNumber,
              record.key,
              record.keyHash,
              record.fingerprint,
            ]),
          ),
        );
      }
    })();
  }

  /** Whether a run is still active in a live process (its outbox rows are its own, not left behind). */
  runIsLive(): (runId: string) => boolean {
    const statement = this.db.prepare(
      "SELECT owner_pid AS pid FROM runs WHERE id = ? AND status IN ('queued', 'loading', 'processing')",
    );
    return (runId) => {
      const row = statement.get(runId) as { pid: number | null } | undefined;
      return row !== undefined && row.pid !== null && processIsAlive(row.pid);
    };
  }

  /**
   * Runs of this import and destination whose requests are still in the outbox although their
   * process died (a kill, a crash): the next run sends those requests first, as they were.
   */
  leftBehindRuns(isLive: (runId: string) => boolean): string[] {
    const runs = this.db
      .prepare(
        'SELECT DISTINCT run_id FROM push_requests WHERE destination_id = ? AND import_id IS ? ORDER BY run_id',
      )
      .pluck()
      .all(this.destinationId, this.importId) as string[];
    return runs.filter((runId) => !isLive(runId));
  }

  /** A run's requests after `afterSeq` still in the outbox, in order, at most `limit`. */
  requestsOf(runId: string, afterSeq: number, limit: number): OutboxRequest[] {
    const rows = this.db
      .prepare(
        `SELECT r.run_id, r.seq, r.request_id, r.body, r.records, s.run_id IS NOT NULL AS sending
         FROM push_requests r LEFT JOIN push_sending s ON s.run_id = r.run_id AND s.seq = r.seq
         WHERE r.run_id = ? AND r.seq > ? ORDER BY r.seq LIMIT ?`,
      )
      .all(runId, afterSeq, limit) as {
      run_id: string;
      seq: number;
      request_id: string;
      body: string;
      records: string;
      sending: number;
    }[];
    return rows.map((row) => ({
      runId: row.run_id,
      seq: row.seq,
      requestId: row.request_id,
      body: row.body,
      records: (JSON.parse(row.records) as [number, string, number, number][]).map(
        ([rowNumber, key, keyHash, fingerprint]) => ({ rowNumber, key, keyHash, fingerprint }),
      ),
      sending: row.sending === 1,
    }));
  }

  /** The request is about to leave: after a crash it may have reached the platform. */
  markSending(request: Pick<OutboxRequest, 'runId' | 'seq'>): void {
    this.statements.markSending.run(request.runId, request.seq);
  }

  /**
   * The platform answered these requests: they leave the outbox, the records it took are
   * appended to the delta's memory, and those it refused are quarantined with its reason — all in
   * one transaction.
   */
  acknowledge(acks: readonly Acknowledgement[], runId: string, sentAt: number): void {
    const { release, quarantine, deleteRequest, deleteSending } = this.statements;
    const now = new Date(sentAt).toISOString();
    this.db.transaction(() => {
      const releases = this.statements.hasQuarantine.get(this.destinationId) === 1;
      for (const { request, results, commands } of acks) {
        let parsed: unknown[] | null = null;
        const taken: [number, number][] = [];
        request.records.forEach((record, at) => {
          const result = results[at] ?? { ok: false, reason: 'The platform gave no result for this record.' };
          if (result.ok) {
            taken.push([record.keyHash, record.fingerprint]);
            if (releases) release.run(this.destinationId, record.key);
            return;
          }
          parsed ??= commands(request.body);
          quarantine.run(
            this.destinationId,
            this.importId,
            record.key,
            runId,
            record.rowNumber,
            JSON.stringify(parsed[at] ?? null),
            String(record.fingerprint),
            result.reason ?? 'refused',
            now,
          );
        });
        if (taken.length > 0) this.memory.append(sentAt, taken);
        deleteRequest.run(request.runId, request.seq);
        deleteSending.run(request.runId, request.seq);
      }
    })();
  }

  /** A run ended without a crash: its requests that never left are dropped (they were never sent). */
  dropUnsent(runId: string): void {
    this.db
      .prepare(
        `DELETE FROM push_requests WHERE run_id = ? AND NOT EXISTS
           (SELECT 1 FROM push_sending s WHERE s.run_id = push_requests.run_id AND s.seq = push_requests.seq)`,
      )
      .run(runId);
  }

  /** Records this destination refused, oldest first (for "retry quarantined"). */
  quarantined(): QuarantinedItem[] {
    return (
      this.db
        .prepare(
          `SELECT record_key AS key, row_number AS rowNumber, command, fingerprint, reason FROM push_quarantine
           WHERE destination_id = ? AND import_id IS ? ORDER BY created_at, row_number`,
        )
        .all(this.destinationId, this.importId) as {
        key: string;
        rowNumber: number;
        command: string;
        fingerprint: string;
        reason: string;
      }[]
    ).map((row) => ({
      ...row,
      command: JSON.parse(row.command) as unknown,
      // Quarantined before schema 16: the fingerprint's text.
      fingerprint: /^\d+$/.test(row.fingerprint)
        ? Number(row.fingerprint)
        : fingerprintNumber(row.fingerprint),
    }));
  }

  /** Keeps the push's figures on the run as it goes (the run detail shows them, also after a failure). */
  recordSummary(runId: string, summary: PushSummary): void {
    this.db.prepare('UPDATE runs SET push = ? WHERE id = ?').run(JSON.stringify(summary), runId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
