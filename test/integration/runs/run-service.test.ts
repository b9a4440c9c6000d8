import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RejectsCsvPart, RunProgress } from '../../../src-shared/model/run';
import { dispatch } from '../../../src-main/host/dispatch';
import { failInterruptedRuns, insertRun } from '../../../src-main/services/runs/run-repository';
import { failInterruptedDatasets } from '../../../src-main/services/stage/dataset-repository';
import { importFile } from '../../../src-main/services/runs/import-file';
import type { QuickImportFlags } from '../../../src-main/services/runs/quick-mapping';
import { importAndWait, rows } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';

// The run queue through the real pool and contract: progress of both stages, cancelling at each
// stage, rejects as CSV, fitting a saved import to a changed file, and the interrupted sweep.

const temp = makeTempDir();
afterAll(() => temp.remove());

const EVENTS: QuickImportFlags = {
  type: 'events',
  eventType: 'purchase',
  ids: ['email=email_id'],
  timestamp: 'at',
  roles: [],
  statics: [],
  lowercaseIds: false,
};

function eventsFile(name: string, count: number, extraHeader = ''): string {
  const lines = [`email,at,price${extraHeader}`];
  for (let i = 0; i < count; i++)
    lines.push(`u${i % 97}@example.com,${1_700_000_000 + i},${i % 50}${extraHeader ? ',x' : ''}`);
  const path = join(temp.dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

let runtime: ReturnType<typeof makeTestRuntime>;
let progress: RunProgress[];
beforeEach(() => {
  runtime = makeTestRuntime();
  progress = [];
  runtime.bus.subscribe((event) => {
    if (event.name === 'runs:progress') progress.push(event.payload as RunProgress);
  });
});
afterEach(() => runtime.dispose());

describe('runs', () => {
  it('reports loading and processing progress and ends with the stored counts', async () => {
    const file = eventsFile('progress.csv', 60_000);
    const run = await importAndWait(runtime, { file, quick: EVENTS });
    expect(run.status).toBe('succeeded');
    expect(run.rows).toEqual({
      read: 60_000,
      imported: 60_000,
      updated: 0,
      deduplicated: 0,
      rejected: 0,
      skipped: 0,
    });
    const statuses = progress.map((p) => p.status);
    expect(statuses[0]).toBe('queued');
    expect(statuses).toContain('loading');
    expect(statuses).toContain('processing');
    expect(statuses.at(-1)).toBe('succeeded');
    const last = progress.at(-1)!;
    expect(last.loading.rows).toBe(60_000);
    expect(last.processing).toEqual({ rows: 60_000, rowsTotal: 60_000 });
    expect(run.processingAt! >= run.startedAt!).toBe(true);
    // The run's own dataset is dropped when it ends: only its input.
    expect(rows(runtime, 'SELECT status FROM datasets')).toEqual([]);
  });

  it('cancelled while processing leaves no rows of the run, and the run says so', async () => {
    const file = eventsFile('cancel.csv', 150_000);
    const { run } = await importFile(runtime, { file, quick: EVENTS });
    const processing = new Promise<void>((resolve) =>
      runtime.bus.subscribe((event) => {
        const payload = event.payload as RunProgress;
        if (event.name === 'runs:progress' && payload.status === 'processing' && payload.processing.rows > 0)
          resolve();
      }),
    );
    await processing;
    const cancelled = await runtime.runs.cancel(run.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.error?.code).toBe('CANCELLED');
    expect(cancelled.rows.imported).toBe(0);
    for (const table of ['events', 'event_attribute_types', 'event_type_spans', 'customers', 'run_rejects']) {
      expect(rows(runtime, `SELECT COUNT(*) AS n FROM ${table}`)[0], table).toEqual({ n: 0 });
    }
  });

  it('cancels a queued run before it starts', async () => {
    const file = eventsFile('queued.csv', 20_000);
    const first = await importFile(runtime, { file, quick: EVENTS, name: 'first' });
    const second = await importFile(runtime, { file, quick: EVENTS, name: 'second' });
    // One run at a time on this machine's pool size or not, the second is queued or loading now.
    const cancelled = await runtime.runs.cancel(second.run.id);
    expect(cancelled.status).toBe('cancelled');
    expect((await runtime.runs.settled(first.run.id)).status).toBe('succeeded');
    expect(rows(runtime, 'SELECT COUNT(DISTINCT run_number) AS n FROM events')[0]).toEqual({ n: 1 });
  });

  it('keeps rejects per run, pages them and downloads them as CSV', async () => {
    const path = join(temp.dir, 'rejects.csv');
    writeFileSync(
      path,
      'email,at,price\na@example.com,2026-01-01T00:00:00Z,1\n,2026-01-01T00:00:00Z,2\nb@example.com,yesterday,3\n"c, ""quoted""@example.com",2026-01-02,4\n',
    );
    const run = await importAndWait(runtime, { file: path, quick: EVENTS });
    expect(run.rows).toMatchObject({ read: 4, imported: 2, rejected: 2 });
    const page = await dispatch(runtime.handlers, 'runs:rejects', {
      runId: run.id,
      offset: 0,
      limit: 1,
    });
    expect(page).toMatchObject({
      ok: true,
      data: { total: 2, items: [{ row: 3, column: 'email', reason: 'No valid customer ID' }] },
    });
    const csv = await dispatch(runtime.handlers, 'runs:rejectsCsv', { runId: run.id });
    if (!csv.ok) throw new Error(csv.error.message);
    const { fileName, csv: text } = csv.data as { fileName: string; csv: string };
    expect(fileName).toMatch(/_rejects\.csv$/);
    const lines = text.split('\r\n');
    // The whole row follows, under the file's own names: fixed, the columns from the fifth on import as they are.
    expect(lines[0]).toBe('row,column,value,reason,email,at,price');
    expect(lines[1]).toBe('3,email,,No valid customer ID,,2026-01-01T00:00:00Z,2');
    expect(lines[2]).toMatch(/^4,at,yesterday,.*,b@example.com,yesterday,3$/);
    expect((csv.data as RejectsCsvPart).lastRow).toBeNull();
  });

  it('downloads 45,000 rejects in parts that join into one CSV, formulas defused', async () => {
    const path = join(temp.dir, 'all-rejected.csv');
    const lines = ['email,at,price'];
    for (let i = 0; i < 45_000; i++) lines.push(`u${i}@example.com,${i % 2 ? '=1+1' : '@SUM(A1)'},${i}`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const run = await importAndWait(runtime, { file: path, quick: EVENTS });
    expect(run.rows).toMatchObject({ read: 45_000, imported: 0, rejected: 45_000 });
    const parts: string[] = [];
    let afterRow: number | undefined;
    for (;;) {
      const part = await dispatch(runtime.handlers, 'runs:rejectsCsv', {
        runId: run.id,
        ...(afterRow === undefined ? {} : { afterRow }),
      });
      if (!part.ok) throw new Error(part.error.message);
      const { csv, lastRow } = part.data as RejectsCsvPart;
      parts.push(csv);
      if (lastRow === null) break;
      afterRow = lastRow;
    }
    expect(parts).toHaveLength(3);
    const rowsOut = parts.join('').split('\r\n').slice(0, -1);
    expect(rowsOut[0]).toBe('row,column,value,reason,email,at,price');
    expect(rowsOut).toHaveLength(45_001);
    expect(rowsOut.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(
      Array.from({ length: 45_000 }, (_, i) => i + 2),
    );
    expect(rowsOut[1]).toMatch(/^2,at,'@SUM\(A1\),.*,u0@example.com,'@SUM\(A1\),0$/);
    expect(rowsOut[2]).toMatch(/^3,at,'=1\+1,.*,u1@example.com,'=1\+1,1$/);
  });

  it('fits a saved import to its file when columns moved and one was added, warning about the new one', async () => {
    const path = eventsFile('feed.csv', 10);
    const first = await importFile(runtime, { file: path, quick: EVENTS, name: 'feed' });
    expect((await runtime.runs.settled(first.run.id)).status).toBe('succeeded');
    // The feed changes shape between runs: "Run again" reads the file as it is now.
    writeFileSync(path, 'price,coupon,at,email\n5,X1,1700000100,new@example.com\n');
    const run = await runtime.runs.settled(runtime.runs.start(first.definition.id).id);
    expect(run.status).toBe('succeeded');
    expect(run.rows.imported).toBe(1);
    expect(run.warnings).toEqual([
      'Column "coupon" is new in this file and was not imported; edit the import to map it.',
    ]);
    const stored = rows(
      runtime,
      `SELECT a.name, a.type, a.value FROM event_attributes a JOIN events e ON e.id = a.event_id
       JOIN customer_ids c USING (customer_id) WHERE c.value = 'new@example.com'`,
    );
    expect(stored).toEqual([{ name: 'price', type: 'number', value: 5 }]);
  });

  it('marks runs of dead processes interrupted at start, but not runs of a live one', () => {
    const db = runtime.workspace.db;
    const base = {
      importId: 'i',
      importName: 'x',
      importType: 'events' as const,
      sourceName: 'f',
      bytesTotal: 1,
      destination: { kind: 'workspace' as const },
    };
    const dead = insertRun(db, base);
    const live = insertRun(db, base);
    db.prepare("UPDATE runs SET status = 'processing', owner_pid = ? WHERE id = ?").run(999_999, dead.id);
    db.prepare("UPDATE runs SET status = 'loading', owner_pid = ? WHERE id = ?").run(4242, live.id);
    const swept = failInterruptedRuns(db, (pid) => pid === 4242);
    expect(swept).toEqual([dead.id]);
    const statuses = rows<{ id: string; status: string; error: string | null }>(
      runtime,
      'SELECT id, status, error FROM runs',
    );
    expect(statuses.find((r) => r.id === dead.id)).toMatchObject({ status: 'failed' });
    expect(JSON.parse(statuses.find((r) => r.id === dead.id)!.error!)).toMatchObject({ code: 'INTERRUPTED' });
    expect(statuses.find((r) => r.id === live.id)).toMatchObject({ status: 'loading', error: null });
  });

  it('fails a run whose source is unreadable with the reason, and the next run still works', async () => {
    const path = join(temp.dir, 'vanishing.csv');
    writeFileSync(path, 'email,at\na@example.com,1700000000\n');
    const { definition } = await importFile(runtime, {
      file: path,
      quick: EVENTS,
      name: 'vanishing',
    }).then(async (started) => {
      await runtime.runs.settled(started.run.id);
      return started;
    });
    writeFileSync(path, 'completely,different\n1,2\n');
    const failed = await runtime.runs.settled(runtime.runs.start(definition.id).id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(
      /no column "email", "at"|no column "at", "email"|no column "email"/,
    );
    writeFileSync(path, 'email,at\nb@example.com,1700000001\n');
    const ok = await runtime.runs.settled(runtime.runs.start(definition.id).id);
    expect(ok.status).toBe('succeeded');
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM events')[0]).toEqual({ n: 2 });
  });

  /** Resolves once the given run reports processing with rows done (its transaction is open). */
  function whenProcessing(runId: string): Promise<void> {
    return new Promise((resolve) =>
      runtime.bus.subscribe((event) => {
        const payload = event.payload as RunProgress;
        if (
          event.name === 'runs:progress' &&
          payload.runId === runId &&
          payload.status === 'processing' &&
          payload.processing.rows > 0
        )
          resolve();
      }),
    );
  }

  it('while a run holds the write lock, other requests wait for it instead of failing', async () => {
    const big = await importFile(runtime, {
      file: eventsFile('long.csv', 150_000),
      quick: EVENTS,
      name: 'long',
    });
    await whenProcessing(big.run.id);
    const small = join(temp.dir, 'dropped.csv');
    writeFileSync(small, 'a,b\n1,2\n');
    // A paste (a source write) and its staging (dataset writes) during the run's transaction.
    const source = await dispatch(runtime.handlers, 'sources:addPaste', {
      text: 'a\tb\n1\t2\n',
    });
    expect(source.ok, JSON.stringify(source)).toBe(true);
    const sourceId = (source as { ok: true; data: { id: string } }).data.id;
    const staged = await dispatch(runtime.handlers, 'datasets:stage', {
      sourceId,
      overrides: {},
    });
    expect(staged.ok, JSON.stringify(staged)).toBe(true);
    const datasetId = (staged as { ok: true; data: { id: string } }).data.id;
    expect((await runtime.staging.settled(datasetId)).status).toBe('ready');
    expect((await runtime.runs.settled(big.run.id)).status).toBe('succeeded');
  });

  it('cancelling a queued run settles at once even while another run commits', async () => {
    const file = eventsFile('busy.csv', 150_000);
    const first = await importFile(runtime, { file, quick: EVENTS, name: 'first' });
    // Another import's run, queued behind the first (one run at a time here; with more cores it may
    // be loading instead). A second run of the same import would join the first instead.
    const { run: second } = await importFile(runtime, {
      file: eventsFile('queued.csv', 5),
      quick: EVENTS,
      name: 'second',
    });
    await whenProcessing(first.run.id);
    const cancelled = await runtime.runs.cancel(second.id);
    expect(cancelled.status).toBe('cancelled');
    expect(runtime.runs.progress(first.run.id)?.status).toBe('processing');
    expect((await runtime.runs.settled(first.run.id)).status).toBe('succeeded');
    // The end was recorded once the workspace was free.
    await runtime.writeLock(() => undefined);
    expect(rows(runtime, 'SELECT status FROM runs WHERE id = ?', second.id)).toEqual([
      { status: 'cancelled' },
    ]);
  });

  it('refuses a dataset of another source, or one another run already took', async () => {
    const a = await importFile(runtime, { file: eventsFile('a.csv', 5), quick: EVENTS, name: 'a' });
    await runtime.runs.settled(a.run.id);
    const other = await dispatch(runtime.handlers, 'sources:addPaste', {
      text: 'x\ty\n1\t2\n',
    });
    const otherId = (other as { ok: true; data: { id: string } }).data.id;
    const staged = await dispatch(runtime.handlers, 'datasets:stage', {
      sourceId: otherId,
      overrides: {},
    });
    const datasetId = (staged as { ok: true; data: { id: string } }).data.id;
    const refused = await dispatch(runtime.handlers, 'runs:start', {
      importId: a.definition.id,
      datasetId,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/another source/) },
    });
  });

  it('leaves datasets another live process is staging alone at start-up', () => {
    const db = runtime.workspace.db;
    const sourceId =
      (db.prepare('SELECT id FROM sources LIMIT 1').pluck().get() as string | undefined) ?? null;
    db.prepare(
      `INSERT INTO sources (id, kind, name, spec, size, owned, created_at) VALUES ('s', 'file', 'f', '{"kind":"file","path":"/nowhere"}', 1, 0, '2026-01-01')`,
    ).run();
    for (const [id, pid] of [
      ['mine-dead', 999_999],
      ['theirs-live', 4242],
    ] as const) {
      db.prepare(
        `INSERT INTO datasets (id, source_id, status, format, dialect, columns, row_count, bytes_read, bytes_total, issues, created_at, owner_pid)
         VALUES (?, 's', 'staging', 'csv', '{}', '[]', 0, 0, 1, '[]', '2026-01-01', ?)`,
      ).run(id, pid);
    }
    expect(sourceId === null || typeof sourceId === 'string').toBe(true);
    expect(failInterruptedDatasets(db, (pid) => pid === 4242)).toEqual(['mine-dead']);
    expect(rows(runtime, "SELECT id, status FROM datasets WHERE source_id = 's' ORDER BY id")).toEqual([
      { id: 'mine-dead', status: 'failed' },
      { id: 'theirs-live', status: 'staging' },
    ]);
  });

  it('deleting an import forgets its remembered files, keeps its runs, and expires its data when asked', async () => {
    const first = await importFile(runtime, {
      file: eventsFile('del.csv', 20),
      quick: EVENTS,
      name: 'del',
    });
    await runtime.runs.settled(first.run.id);
    const db = runtime.workspace.db;
    db.prepare(
      "INSERT INTO import_files (import_id, path, size, mtime, imported_at) VALUES (?, '/feeds/a.csv', 1, '2026-01-01', '2026-01-01')",
    ).run(first.definition.id);
    const deleted = await dispatch(runtime.handlers, 'imports:delete', {
      importId: first.definition.id,
      data: 'expire',
    });
    expect(deleted).toMatchObject({ ok: true, data: { deleted: true, dataExpiresAt: expect.any(String) } });
    const expiresAt = (deleted as { ok: true; data: { dataExpiresAt: string } }).data.dataExpiresAt;
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM import_files')[0]).toEqual({ n: 0 });
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM imports')[0]).toEqual({ n: 0 });
    expect(
      rows(runtime, 'SELECT COUNT(*) AS n FROM runs WHERE import_id = ?', first.definition.id)[0],
    ).toEqual({ n: 1 });
    // Still there until the expiry; the events go once it has passed.
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM events')[0]).toEqual({ n: 20 });
    db.prepare('UPDATE expiring_imports SET expires_at = ?').run('2000-01-01T00:00:00.000Z');
    const overview = await dispatch(runtime.handlers, 'imports:overview', {});
    expect(overview).toMatchObject({ ok: true, data: [] });
    // The next run purges what is due; another import's new events land as usual.
    const other = join(temp.dir, 'other.csv');
    writeFileSync(other, 'email,at,price\nz@example.com,1800000000,1\nz@example.com,1800000001,2\n');
    await importAndWait(runtime, { file: other, quick: EVENTS, name: 'other' });
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM events')[0]).toEqual({ n: 2 });
    // The spans were recomputed from the events left: only the other import's.
    expect(rows(runtime, 'SELECT event_type, first_us, last_us FROM event_type_spans')).toEqual([
      { event_type: 'purchase', first_us: 1_800_000_000_000_000, last_us: 1_800_000_001_000_000 },
    ]);
    // The dedup memory went with the expired events: the same file again imports them again.
    const again = await importAndWait(runtime, {
      file: eventsFile('del.csv', 20),
      quick: EVENTS,
      name: 'again',
    });
    expect(again.rows).toEqual({
      read: 20,
      imported: 20,
      updated: 0,
      deduplicated: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM events')[0]).toEqual({ n: 22 });
  });
});
