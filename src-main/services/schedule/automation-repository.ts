import type { Database } from 'better-sqlite3';
import type { Automation } from '../../../src-shared/model/automation';
import type { AppError } from '../../../src-shared/result';

/** An import's automation as stored. */
export interface StoredAutomation {
  importId: string;
  importName: string;
  automation: Automation;
  paused: boolean;
  nextDueAt: string | null;
  lastCheckAt: string | null;
  lastError: AppError | null;
}

interface AutomationRecord {
  import_id: string;
  import_name: string;
  automation: string;
  paused: number;
  next_due_at: string | null;
  last_check_at: string | null;
  last_error: string | null;
}

const SELECT = `SELECT a.import_id, i.name AS import_name, a.automation, a.paused, a.next_due_at, a.last_check_at,
  a.last_error FROM import_automations a JOIN imports i ON i.id = a.import_id`;

function fromRecord(row: AutomationRecord): StoredAutomation {
  return {
    importId: row.import_id,
    importName: row.import_name,
    automation: JSON.parse(row.automation) as Automation,
    paused: row.paused === 1,
    nextDueAt: row.next_due_at,
    lastCheckAt: row.last_check_at,
    lastError: row.last_error ? (JSON.parse(row.last_error) as AppError) : null,
  };
}

/** An import's automation, or null when it runs only when asked. */
export function getAutomation(db: Database, importId: string): StoredAutomation | null {
  const row = db.prepare(`${SELECT} WHERE a.import_id = ?`).get(importId) as AutomationRecord | undefined;
  return row ? fromRecord(row) : null;
}

/** Every automation, by import name. */
export function listAutomations(db: Database): StoredAutomation[] {
  return (db.prepare(`${SELECT} ORDER BY i.name COLLATE NOCASE`).all() as AutomationRecord[]).map(fromRecord);
}

/** Automations not paused whose next due time has come. */
export function dueAutomations(db: Database, now: Date): StoredAutomation[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE a.paused = 0 AND a.next_due_at IS NOT NULL AND a.next_due_at <= ? ORDER BY a.next_due_at`,
      )
      .all(now.toISOString()) as AutomationRecord[]
  ).map(fromRecord);
}

/** Sets (or replaces) an import's automation; a replaced one keeps its paused state. */
export function saveAutomation(
  db: Database,
  importId: string,
  automation: Automation,
  nextDueAt: string | null,
): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO import_automations (import_id, automation, paused, next_due_at, created_at, updated_at)
     VALUES (?, ?, 0, ?, ?, ?)
     ON CONFLICT (import_id) DO UPDATE SET automation = excluded.automation, next_due_at = excluded.next_due_at,
       last_error = NULL, updated_at = excluded.updated_at`,
  ).run(importId, JSON.stringify(automation), nextDueAt, now, now);
}

/** Removes an import's automation; true when it had one. */
export function removeAutomation(db: Database, importId: string): boolean {
  return db.prepare('DELETE FROM import_automations WHERE import_id = ?').run(importId).changes > 0;
}

/** Pauses or resumes; a resumed automation's next due time is counted from now (missed slots are not caught up). */
export function setPaused(db: Database, importId: string, paused: boolean, nextDueAt: string | null): void {
  db.prepare(
    `UPDATE import_automations SET paused = ?, next_due_at = CASE WHEN ? THEN next_due_at ELSE ? END, updated_at = ?
     WHERE import_id = ?`,
  ).run(paused ? 1 : 0, paused ? 1 : 0, nextDueAt, new Date().toISOString(), importId);
}

/**
 * Claims one due time of an import for this process and moves the automation on to `nextDueAt`,
 * in one transaction. Two processes on one workspace may both see the same due time; the claim's
 * primary key lets exactly one insert it, and only that one starts the run. False when another
 * process claimed it first (or the automation changed meanwhile).
 */
export function claimDue(
  db: Database,
  importId: string,
  dueAt: string,
  nextDueAt: string | null,
  claimedBy: string,
): boolean {
  return db
    .transaction(() => {
      const claimed = db
        .prepare(
          'INSERT OR IGNORE INTO automation_claims (import_id, due_at, claimed_by, claimed_at) VALUES (?, ?, ?, ?)',
        )
        .run(importId, dueAt, claimedBy, new Date().toISOString()).changes;
      if (claimed === 0) return false;
      const moved = db
        .prepare(
          'UPDATE import_automations SET next_due_at = ? WHERE import_id = ? AND next_due_at = ? AND paused = 0',
        )
        .run(nextDueAt, importId, dueAt).changes;
      if (moved === 0) throw new ClaimLost();
      return true;
    })
    .immediate();
}

/** Rolls a claim back when the automation moved on under it (edited, paused, claimed elsewhere). */
class ClaimLost extends Error {}

/** Whether an error is a claim that was lost (the caller simply does not run). */
export function isClaimLost(error: unknown): boolean {
  return error instanceof ClaimLost;
}

/** Records a trigger's poll: when, and its error (null clears the last one). */
export function recordCheck(db: Database, importId: string, at: Date, error: AppError | null): void {
  db.prepare('UPDATE import_automations SET last_check_at = ?, last_error = ? WHERE import_id = ?').run(
    at.toISOString(),
    error ? JSON.stringify(error) : null,
    importId,
  );
}

/** Forgets claims older than `days` (they only need to outlive the race for their due time). */
export function pruneClaims(db: Database, before: Date): void {
  db.prepare('DELETE FROM automation_claims WHERE claimed_at < ?').run(before.toISOString());
}
