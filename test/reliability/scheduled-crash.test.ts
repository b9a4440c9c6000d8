import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../src-main/host/dispatch';
import { createRuntime, type Runtime } from '../../src-main/host/runtime';
import type { AutomationState } from '../../src-shared/model/automation';
import type { Run } from '../../src-shared/model/run';
import { quick } from '../integration/runs/run-helpers';
import { importAndWait } from '../support/import-run';
import { manualScheduler } from '../support/manual-scheduler';
import { startServe } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startFeedServer } from '../servers/feed-server.mjs';

// Issue 14's reliability case: `intake serve` killed with SIGKILL while its scheduled run reads a
// feed. At the next start the run is marked interrupted, the schedule goes on, and its next due
// time starts exactly one run.

interface Feed {
  url: string;
  requests: { path: string; phase: string | null }[];
  close(): Promise<void>;
}

const CSV = `email,name\n${Array.from({ length: 300 }, (_, i) => `c${i}@example.com,C${i}`).join('\n')}\n`;
let feed: Feed;
beforeAll(async () => {
  feed = (await startFeedServer({ files: { '/customers.csv': CSV } })) as Feed;
});
afterAll(() => feed.close());

function pointAt(runtime: Runtime, importId: string, url: string): void {
  runtime.workspace.db
    .prepare(
      "UPDATE sources SET spec = json_set(spec, '$.url', ?) WHERE id = (SELECT source_id FROM imports WHERE id = ?)",
    )
    .run(url, importId);
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 20_000; !check();) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('a kill -9 during a scheduled run: interrupted at the next start, and the schedule runs its next due time once', async () => {
  const temp = makeTempDir('intake-scheduled-crash-');
  try {
    let runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined });
    const first = await importAndWait(runtime, {
      source: { kind: 'url', url: `${feed.url}/customers.csv`, connectionId: null },
      quick: quick('customers', { ids: ['email=email_id'] }),
      name: 'nightly feed',
    });
    const importId = first.importId!;
    const set = (await dispatch(runtime.handlers, 'automation:set', {
      importId,
      automation: {
        kind: 'schedule',
        schedule: { rule: { kind: 'daily', times: ['06:00'] }, timeZone: 'UTC', until: null },
      },
    })) as { ok: true; data: { automation: AutomationState } };
    const nextDue = set.data.automation.nextDueAt!;
    // Its download now stalls for a minute after 64 bytes, and its due time has come.
    pointAt(runtime, importId, `${feed.url}/stall/customers.csv?ms=60000`);
    runtime.workspace.db
      .prepare('UPDATE import_automations SET next_due_at = ?')
      .run(new Date().toISOString());
    await runtime.close();

    const downloads = () => feed.requests.filter((request) => request.phase === 'download').length;
    const before = downloads();
    const serve = await startServe(temp.dir, [], { INTAKE_TEST_TICK_MS: '200' });
    await until(() => downloads() > before, 'the scheduled run reaching its download');
    serve.child.kill('SIGKILL');
    await new Promise((resolve) => serve.child.once('exit', resolve));

    // The next start: the run was interrupted, the claim and the schedule's next due time stand.
    runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined });
    try {
      const scheduled = () =>
        runtime.workspace.db
          .prepare(
            "SELECT id FROM runs WHERE import_id = ? AND started_by <> 'user' ORDER BY queued_at, rowid",
          )
          .pluck()
          .all(importId) as string[];
      const [killed] = scheduled();
      const interrupted = runtime.runs.get(killed!);
      expect([interrupted.status, interrupted.error?.code, interrupted.startedBy]).toEqual([
        'failed',
        'INTERRUPTED',
        'schedule',
      ]);
      const listed = (await dispatch(runtime.handlers, 'automation:list', {})) as {
        ok: true;
        data: AutomationState[];
      };
      const next = listed.data[0]!.nextDueAt!;
      expect(Date.parse(next)).toBeGreaterThan(Date.now());
      expect(next.endsWith('T06:00:00.000Z')).toBe(true);
      expect(Date.parse(next)).toBeGreaterThanOrEqual(Date.parse(nextDue));

      // Its next due time comes: one run, which succeeds now that the feed answers.
      pointAt(runtime, importId, `${feed.url}/customers.csv`);
      const scheduler = manualScheduler(runtime, () => new Date(Date.parse(next) + 5_000));
      await scheduler.check();
      await scheduler.check();
      const after = scheduled();
      expect(after).toHaveLength(2);
      const ran: Run = await runtime.runs.settled(after[1]!);
      expect([ran.status, ran.startedBy, ran.rows.imported + ran.rows.updated]).toEqual([
        'succeeded',
        'schedule',
        300,
      ]);
    } finally {
      await runtime.close();
    }
  } finally {
    temp.remove();
  }
});
