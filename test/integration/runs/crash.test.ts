import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../../src-main/host/runtime';
import { INTAKE_BIN } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';
import { importAndWait } from '../../support/import-run';
import type { QuickImportFlags } from '../../../src-main/services/runs/quick-mapping';

// A run killed with SIGKILL in the middle of processing: the next start marks it interrupted, the
// workspace holds nothing from it, and running it again gives what an uninterrupted run gives.

const temp = makeTempDir();
afterAll(() => temp.remove());

const ROWS = 250_000;
const file = join(temp.dir, 'events.csv');
const lines = ['email;purchased_at;price;sku'];
for (let i = 0; i < ROWS; i++) {
  // 5,000 customers; every 50th row repeats the previous one (a duplicate to deduplicate).
  const n = i % 50 === 49 ? i - 1 : i;
  lines.push(`user${n % 5000}@example.com;${1_700_000_000 + n};${(n % 997) / 10};SKU-${n % 313}`);
}
writeFileSync(file, `${lines.join('\n')}\n`);

const QUICK = [
  '--type',
  'events',
  '--event-type',
  'purchase',
  '--id',
  'email=email_id',
  '--timestamp',
  'purchased_at',
];

/** The same import as QUICK, for the in-process re-runs. */
const QUICK_FLAGS: QuickImportFlags = {
  type: 'events',
  eventType: 'purchase',
  ids: ['email=email_id'],
  timestamp: 'purchased_at',
  roles: [],
  statics: [],
  lowercaseIds: false,
};

/**
 * Starts `intake import` and SIGKILLs it once it reports processing and the run's uncommitted pages
 * have reached the write-ahead log (the page cache spilled). Start-up leaves the log empty (its
 * checkpoint), so its first bytes are the run's.
 */
function importUntilKilled(workspace: string): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [INTAKE_BIN, 'import', file, ...QUICK, '--workspace', workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wal = join(workspace, 'workspace.sqlite-wal');
  let stderr = '';
  const poll = setInterval(() => {
    if (/processing: [1-9]/.test(stderr) && existsSync(wal) && statSync(wal).size > 0) child.kill('SIGKILL');
  }, 4);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the import never reported processing:\n${stderr}`));
    }, 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ signal, stderr });
    });
  });
}

/** Every event as text, in a stable order, for comparing two workspaces. */
function dumpEvents(db: BetterSqlite3.Database): string[] {
  return db
    .prepare(
      `SELECT ci.value || '|' || e.event_type || '|' || e.timestamp_us || '|' || e.attributes AS line
         FROM events e JOIN customer_ids ci ON ci.customer_id = e.customer_id
         ORDER BY ci.value, e.timestamp_us, e.attributes`,
    )
    .pluck()
    .all() as string[];
}

/**
 * What each event is deduplicated by (its attributes and types texts) and its type's span, in a
 * stable order (not dedup_until: it counts from each run's own processing time).
 */
function dumpMemory(db: BetterSqlite3.Database): string[] {
  return db
    .prepare(
      `SELECT ci.value || '|' || e.timestamp_us || '|' || e.attributes || '|' || t.types || '|' || s.first_us || '|' || s.last_us AS line
         FROM events e JOIN customer_ids ci ON ci.customer_id = e.customer_id
         JOIN event_attribute_types t ON t.id = e.types_id
         JOIN event_type_spans s ON s.event_type = e.event_type
         ORDER BY ci.value, e.timestamp_us, e.attributes`,
    )
    .pluck()
    .all() as string[];
}

describe('a run killed with SIGKILL during processing', () => {
  it('is marked interrupted, leaves no rows, and re-runs to the same result as an uninterrupted run', async () => {
    const killedDir = join(temp.dir, 'killed');
    const { signal, stderr } = await importUntilKilled(killedDir);
    expect(signal, stderr).toBe('SIGKILL');

    // Before any restart: the run was caught processing, with uncommitted pages in the WAL.
    const raw = new BetterSqlite3(join(killedDir, 'workspace.sqlite'), { readonly: true });
    raw.prepare('ATTACH DATABASE ? AS control').run(join(killedDir, 'control.sqlite'));
    const before = raw.prepare('SELECT id, status FROM runs').all() as { id: string; status: string }[];
    expect(before).toHaveLength(1);
    expect(before[0]!.status).toBe('processing');
    expect(raw.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(0);
    raw.close();
    const wal = join(killedDir, 'workspace.sqlite-wal');
    expect(existsSync(wal) && statSync(wal).size > 0).toBe(true);

    const restarted = createRuntime({ workspaceDir: killedDir, shell: 'web', echo: () => undefined });
    try {
      const db = restarted.workspace.db;
      const interrupted = db.prepare('SELECT status, error FROM runs WHERE id = ?').get(before[0]!.id) as {
        status: string;
        error: string;
      };
      expect(interrupted.status).toBe('failed');
      expect(JSON.parse(interrupted.error)).toMatchObject({ code: 'INTERRUPTED' });
      for (const table of [
        'events',
        'event_attribute_types',
        'event_type_spans',
        'customers',
        'customer_ids',
        'run_rejects',
      ]) {
        expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBe(0);
      }

      const rerun = await importAndWait(restarted, {
        file,
        quick: QUICK_FLAGS,
      });
      const clean = createRuntime({
        workspaceDir: join(temp.dir, 'clean'),
        shell: 'web',
        echo: () => undefined,
      });
      try {
        const uninterrupted = await importAndWait(clean, {
          file,
          quick: QUICK_FLAGS,
        });
        expect(rerun.status).toBe('succeeded');
        expect(rerun.rows).toEqual(uninterrupted.rows);
        expect(rerun.rows).toEqual({
          read: ROWS,
          imported: ROWS - ROWS / 50,
          updated: 0,
          deduplicated: ROWS / 50,
          rejected: 0,
          skipped: 0,
        });
        expect(dumpEvents(db)).toEqual(dumpEvents(clean.workspace.db));
        // The same texts, attribute types and spans: the re-run deduplicates as the clean run.
        expect(dumpMemory(db)).toEqual(dumpMemory(clean.workspace.db));
      } finally {
        await clean.close();
      }
    } finally {
      await restarted.close();
    }
  }, 120_000);
});
