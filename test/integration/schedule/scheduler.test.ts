import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { createRuntime, type Runtime } from '../../../src-main/host/runtime';
import type { AutomationFailure, AutomationState } from '../../../src-shared/model/automation';
import type { ImportOverview, Run } from '../../../src-shared/model/run';
import type { Schedule } from '../../../src-shared/model/schedule';
import { importAndWait, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { manualScheduler } from '../../support/manual-scheduler';
import { quick } from '../runs/run-helpers';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startFeedServer } from '../../servers/feed-server.mjs';

// The scheduler against a real workspace and a real feed, with a clock the test moves: due runs
// start once, a run missed while asleep runs once as a catch-up, two processes never start the
// same due time twice, paused schedules wait, requests for an active import join its run, and a
// failed scheduled run is announced and shown on the import until the next success.

const CSV = 'email,name\nann@example.com,Ann\nbob@example.com,Bob\n';
let feed: { url: string; close(): Promise<void> };
beforeAll(async () => {
  feed = await startFeedServer({ files: { '/customers.csv': CSV } });
});
afterAll(() => feed.close());

/** A clock the test sets; the scheduler reads it at each check. */
function clockAt(iso: string) {
  let now = new Date(iso);
  return { now: () => now, set: (to: string) => (now = new Date(to)) };
}

async function call<T>(runtime: Runtime, name: string, payload: unknown): Promise<T> {
  const result = (await dispatch(runtime.handlers, name as never, payload as never)) as
    { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.data;
}

async function feedImport(runtime: Runtime, name: string, path = '/customers.csv'): Promise<string> {
  const run = await importAndWait(runtime, {
    source: { kind: 'url', url: `${feed.url}${path}`, connectionId: null },
    quick: quick('customers', { ids: ['email=email_id'] }),
    name,
  });
  return run.importId!;
}

const daily0600: Schedule = {
  rule: { kind: 'daily', times: ['06:00'] },
  timeZone: 'Europe/Prague',
  until: null,
};

/** The runs an automation started (not the test's own first run). */
function runsOf(runtime: Runtime, importId: string): { id: string; startedBy: string }[] {
  return runtime.workspace.db
    .prepare("SELECT id, started_by AS startedBy FROM runs WHERE import_id = ? AND started_by <> 'user'")
    .all(importId) as { id: string; startedBy: string }[];
}

async function settleAll(runtime: Runtime, importId: string): Promise<Run[]> {
  const ids = runtime.workspace.db
    .prepare('SELECT id FROM runs WHERE import_id = ?')
    .pluck()
    .all(importId) as string[];
  return Promise.all(ids.map((id) => runtime.runs.settled(id)));
}

describe('the scheduler', () => {
  it('starts a due run once, then moves on to the next due time', async () => {
    const clock = clockAt('2027-03-01T04:00:00Z');
    const runtime = makeTestRuntime('web', { automation: { run: false, now: clock.now } });
    try {
      const importId = await feedImport(runtime, 'daily feed');
      const { automation } = await call<{ automation: AutomationState }>(runtime, 'automation:set', {
        importId,
        automation: { kind: 'schedule', schedule: daily0600 },
      });
      // 06:00 in Prague is 05:00 UTC in winter.
      expect(automation.nextDueAt).toBe('2027-03-01T05:00:00.000Z');
      expect(automation.words).toContain('06:00');
      const scheduler = manualScheduler(runtime, clock.now);
      await scheduler.check();
      expect(runsOf(runtime, importId)).toHaveLength(0);
      clock.set('2027-03-01T05:00:20Z');
      await scheduler.check();
      await scheduler.check();
      const runs = await settleAll(runtime, importId);
      const scheduled = runs.filter((run) => run.startedBy !== 'user');
      expect(scheduled.map((run) => [run.startedBy, run.status])).toEqual([['schedule', 'succeeded']]);
      const [state] = await call<AutomationState[]>(runtime, 'automation:list', {});
      expect(state?.nextDueAt).toBe('2027-03-02T05:00:00.000Z');
    } finally {
      await runtime.dispose();
    }
  });

  it('runs a schedule missed while asleep once, marked caught up, and counts the next from now', async () => {
    const clock = clockAt('2027-03-01T04:00:00Z');
    const runtime = makeTestRuntime('web', { automation: { run: false, now: clock.now } });
    try {
      const importId = await feedImport(runtime, 'asleep feed');
      await call(runtime, 'automation:set', {
        importId,
        automation: { kind: 'schedule', schedule: daily0600 },
      });
      // Three days and three due times later, the computer wakes.
      clock.set('2027-03-04T09:30:00Z');
      const scheduler = manualScheduler(runtime, clock.now);
      await scheduler.check();
      await scheduler.check();
      const scheduled = (await settleAll(runtime, importId)).filter((run) => run.startedBy !== 'user');
      expect(scheduled.map((run) => run.startedBy)).toEqual(['catch-up']);
      const [state] = await call<AutomationState[]>(runtime, 'automation:list', {});
      expect(state?.nextDueAt).toBe('2027-03-05T05:00:00.000Z');
    } finally {
      await runtime.dispose();
    }
  });

  it('starts a due time once when two processes share the workspace', async () => {
    const clock = clockAt('2027-03-01T04:00:00Z');
    const first = makeTestRuntime('web', { automation: { run: false, now: clock.now } });
    const second = createRuntime({ workspaceDir: first.workspace.dir, shell: 'web', echo: () => undefined });
    try {
      const importId = await feedImport(first, 'shared feed');
      await call(first, 'automation:set', {
        importId,
        automation: { kind: 'schedule', schedule: daily0600 },
      });
      clock.set('2027-03-01T05:00:10Z');
      await Promise.all([
        manualScheduler(first, clock.now).check(),
        manualScheduler(second, clock.now).check(),
      ]);
      const claims = first.workspace.db.prepare('SELECT COUNT(*) FROM automation_claims').pluck().get();
      expect(claims).toBe(1);
      await settleAll(first, importId);
      await settleAll(second, importId);
      expect(runsOf(first, importId)).toHaveLength(1);
    } finally {
      await second.close();
      await first.dispose();
    }
  });

  it('waits while paused; resumed, it is due next from now, not for what it missed', async () => {
    const clock = clockAt('2027-03-01T04:00:00Z');
    const runtime = makeTestRuntime('web', { automation: { run: false, now: clock.now } });
    try {
      const importId = await feedImport(runtime, 'paused feed');
      await call(runtime, 'automation:set', {
        importId,
        automation: { kind: 'schedule', schedule: daily0600 },
      });
      const paused = await call<AutomationState>(runtime, 'automation:pause', { importId, paused: true });
      expect(paused.paused).toBe(true);
      clock.set('2027-03-02T12:00:00Z');
      const scheduler = manualScheduler(runtime, clock.now);
      await scheduler.check();
      expect(runsOf(runtime, importId)).toHaveLength(0);
      const resumed = await call<AutomationState>(runtime, 'automation:pause', { importId, paused: false });
      expect(resumed.nextDueAt).toBe('2027-03-03T05:00:00.000Z');
      await scheduler.check();
      expect(runsOf(runtime, importId)).toHaveLength(0);
    } finally {
      await runtime.dispose();
    }
  });

  it('announces a failed scheduled run and shows it on the import until a run succeeds', async () => {
    const clock = clockAt('2027-03-01T04:00:00Z');
    const runtime = makeTestRuntime('web', { automation: { run: false, now: clock.now } });
    const failures: AutomationFailure[] = [];
    runtime.bus.on('automation:runFailed', (failure) => failures.push(failure));
    try {
      const importId = await feedImport(runtime, 'flaky feed');
      // The feed moves away: the source now answers 404.
      runtime.workspace.db
        .prepare(
          "UPDATE sources SET spec = json_set(spec, '$.url', ?) WHERE id = (SELECT source_id FROM imports WHERE id = ?)",
        )
        .run(`${feed.url}/gone.csv`, importId);
      await call(runtime, 'automation:set', {
        importId,
        automation: { kind: 'schedule', schedule: daily0600 },
      });
      clock.set('2027-03-01T05:00:05Z');
      await manualScheduler(runtime, clock.now).check();
      const failed = (await settleAll(runtime, importId)).find((run) => run.startedBy === 'schedule');
      expect(failed?.status).toBe('failed');
      expect(failures).toEqual([
        {
          importId,
          importName: 'flaky feed',
          runId: failed!.id,
          startedBy: 'schedule',
          message: expect.stringContaining('404') as unknown as string,
        },
      ]);
      const [row] = await call<ImportOverview[]>(runtime, 'imports:overview', {});
      expect(row?.failure?.id).toBe(failed!.id);
      // Back where it was: the next run succeeds and the row no longer shows the failure.
      runtime.workspace.db
        .prepare(
          "UPDATE sources SET spec = json_set(spec, '$.url', ?) WHERE id = (SELECT source_id FROM imports WHERE id = ?)",
        )
        .run(`${feed.url}/customers.csv`, importId);
      const again = await call<Run>(runtime, 'runs:start', { importId });
      expect((await runtime.runs.settled(again.id)).status).toBe('succeeded');
      const [after] = await call<ImportOverview[]>(runtime, 'imports:overview', {});
      expect(after?.failure).toBeNull();
    } finally {
      await runtime.dispose();
    }
  });

  it('joins a request for an import already queued or running to that run, and counts it', async () => {
    const runtime = makeTestRuntime('web');
    try {
      const importId = await feedImport(runtime, 'busy feed');
      const first = await call<Run>(runtime, 'runs:start', { importId });
      const second = await call<Run>(runtime, 'runs:start', { importId });
      expect(second.id).toBe(first.id);
      const ended = await runtime.runs.settled(first.id);
      expect(ended.coalesced).toBe(1);
      const third = await call<Run>(runtime, 'runs:start', { importId });
      expect(third.id).not.toBe(first.id);
      await runtime.runs.settled(third.id);
    } finally {
      await runtime.dispose();
    }
  });

  it('refuses what cannot run by itself, naming why', async () => {
    const runtime = makeTestRuntime('web');
    try {
      const urlImport = await feedImport(runtime, 'url feed');
      const dropped = await importAndWait(runtime, {
        file: writeFixture(runtime.workspace.dir, 'dropped.csv', CSV),
        quick: quick('customers', { ids: ['email=email_id'] }),
        name: 'dropped',
      });
      await expect(
        call(runtime, 'automation:set', {
          importId: dropped.importId,
          automation: { kind: 'schedule', schedule: daily0600 },
        }),
      ).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(/a dropped or opened file, which never changes/),
      });
      await expect(
        call(runtime, 'automation:set', { importId: urlImport, automation: { kind: 'new-file' } }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/only a storage import can wait for new files/),
      });
      await expect(
        call(runtime, 'automation:set', {
          importId: urlImport,
          automation: {
            kind: 'schedule',
            schedule: { rule: { kind: 'once', at: '2020-01-01T09:00' }, timeZone: 'UTC', until: null },
          },
        }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/would never run/) });
      expect(await call<AutomationState[]>(runtime, 'automation:list', {})).toEqual([]);
    } finally {
      await runtime.dispose();
    }
  });
});
