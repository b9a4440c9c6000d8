import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { PushSummary } from '../../../../src-shared/model/run';
import { CONTROL_FILE } from '../../workspace/workspace-files';
import { processIsAlive } from '../../workspace/process-alive';

/** A request waiting in the outbox: its body as it will be sent, and what its records are. */
export interface OutboxRequest {
  runId: string;
  seq: number;
  requestId: string;
  body: string;
  records: OutboxRecord[];
  state: 'pending' | 'sending';
}

/** A record of a request: its row, key and fingerprint, and its command (kept for quarantine). */
export interface OutboxRecord {
  rowNumber: number;
  key: string;
  fingerprint: string;
  command: unknown;
}

/** What a platform answered for one record of an acknowledged request. */
export interface RecordResult {
  ok: boolean;
  reason?: string;
}

/** The platform's control tables are busy only for moments (the app's own writes). */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The durable outbox of a push and what follows from acknowledgements (DESIGN §3: Outbox), on a
 * connection of its own to the control database, in short transactions: the workspace's write
 * lock is never held, and never while the network is in use. A request is written before anything
 * is sent, marked `sending` before it leaves, and deleted together with its effects (fingerprints
 * of the records the platform took, quarantine of those it refused) once answered.
 */
export class Outbox {
  private readonly db: Database;

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
  }

  /** The fingerprint last acknowledged for a record key (null: never sent to this destination). */
  fingerprintOf(): (key: string) => string | null {
    const statement = this.db
      .prepare('SELECT fingerprint FROM push_fingerprints WHERE destination_id = ? AND record_key = ?')
      .pluck();
    return (key) => (statement.get(this.destinationId, key) as string | undefined) ?? null;
  }

  /** Writes requests of a run, in one short transaction. */
  add(requests: readonly Omit<OutboxRequest, 'state'>[]): void {
    const insert = this.db.prepare(
      `INSERT INTO push_outbox (run_id, seq, import_id, destination_id, request_id, body, records)
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
          JSON.stringify(request.records),
        );
      }
    })();
  }

  /** A run's first `limit` requests still in the outbox, in order. */
  requestsOf(runId: string, limit: number): OutboxRequest[] {
    return this.read('SELECT * FROM push_outbox WHERE run_id = ? ORDER BY seq LIMIT ?', runId, limit);
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
   * Requests that runs of this import and destination left behind when their process died (a
   * kill, a crash): the next run sends them first, as they were.
   */
  leftBehind(isLive: (runId: string) => boolean): OutboxRequest[] {
    const rows = this.read(
      'SELECT * FROM push_outbox WHERE destination_id = ? AND import_id IS ? ORDER BY run_id, seq',
      this.destinationId,
      this.importId,
    );
    return rows.filter((request) => !isLive(request.runId));
  }

  /** The request is about to leave: after a crash it may have reached the platform. */
  markSending(request: OutboxRequest): void {
    this.db
      .prepare(
        "UPDATE push_outbox SET state = 'sending', attempts = attempts + 1 WHERE run_id = ? AND seq = ?",
      )
      .run(request.runId, request.seq);
  }

  /**
   * The platform answered a request: it leaves the outbox, the records it took are remembered by
   * fingerprint (the delta), and those it refused are quarantined with its reason — together.
   */
  acknowledge(request: OutboxRequest, results: readonly RecordResult[], runId: string): void {
    const now = new Date().toISOString();
    const remember = this.db.prepare(
      `INSERT INTO push_fingerprints (destination_id, record_key, fingerprint, sent_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (destination_id, record_key) DO UPDATE SET fingerprint = excluded.fingerprint, sent_at = excluded.sent_at`,
    );
    const release = this.db.prepare(
      'DELETE FROM push_quarantine WHERE destination_id = ? AND record_key = ?',
    );
    const quarantine = this.db.prepare(
      `INSERT INTO push_quarantine (destination_id, import_id, record_key, run_id, row_number, command, fingerprint, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (destination_id, record_key) DO UPDATE SET run_id = excluded.run_id, row_number = excluded.row_number,
         command = excluded.command, fingerprint = excluded.fingerprint, reason = excluded.reason, created_at = excluded.created_at`,
    );
    this.db.transaction(() => {
      request.records.forEach((record, at) => {
        const result = results[at] ?? { ok: false, reason: 'The platform gave no result for this record.' };
        if (result.ok) {
          remember.run(this.destinationId, record.key, record.fingerprint, now);
          release.run(this.destinationId, record.key);
        } else {
          quarantine.run(
            this.destinationId,
            this.importId,
            record.key,
            runId,
            record.rowNumber,
            JSON.stringify(record.command),
            record.fingerprint,
            result.reason ?? 'refused',
            now,
          );
        }
      });
      this.db.prepare('DELETE FROM push_outbox WHERE run_id = ? AND seq = ?').run(request.runId, request.seq);
    })();
  }

  /** A run ended without a crash: its requests that never left are dropped (they were never sent). */
  dropUnsent(runId: string): void {
    this.db.prepare("DELETE FROM push_outbox WHERE run_id = ? AND state = 'pending'").run(runId);
  }

  /** Records this destination refused, oldest first (for "retry quarantined"). */
  quarantined(): { key: string; rowNumber: number; command: unknown; fingerprint: string; reason: string }[] {
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
    ).map((row) => ({ ...row, command: JSON.parse(row.command) as unknown }));
  }

  /** Keeps the push's figures on the run as it goes (the run detail shows them, also after a failure). */
  recordSummary(runId: string, summary: PushSummary): void {
    this.db.prepare('UPDATE runs SET push = ? WHERE id = ?').run(JSON.stringify(summary), runId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private read(sql: string, ...params: unknown[]): OutboxRequest[] {
    return (
      this.db.prepare(sql).all(...params) as {
        run_id: string;
        seq: number;
        request_id: string;
        body: string;
        records: string;
        state: 'pending' | 'sending';
      }[]
    ).map((row) => ({
      runId: row.run_id,
      seq: row.seq,
      requestId: row.request_id,
      body: row.body,
      records: JSON.parse(row.records) as OutboxRecord[],
      state: row.state,
    }));
  }
}
