import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { createRuntime } from '../../../src-main/host/runtime';
import { quick } from '../runs/run-helpers';
import { importAndWait } from '../../support/import-run';
import { shellFolders, startShell, type ShellProcess } from '../../support/electron/shell-process';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startFeedServer } from '../../servers/feed-server.mjs';

// The desktop side of schedules, in the built shell under the stand-in: a scheduled run that came
// due while the app was closed runs at start-up (caught up), fails, and raises a system
// notification naming the import; clicking it brings the window's renderer to the run; a wake
// from sleep makes the scheduler check at once.

const folders = shellFolders();
let feed: { url: string; close(): Promise<void> };
let shell: ShellProcess | null = null;
let importId: string;

beforeAll(async () => {
  feed = await startFeedServer({ files: { '/partners.csv': 'email\nbo@example.com\n' } });
  const runtime = createRuntime({ workspaceDir: folders.workspaceDir, shell: 'web', echo: () => undefined });
  const run = await importAndWait(runtime, {
    source: { kind: 'url', url: `${feed.url}/partners.csv`, connectionId: null },
    quick: quick('customers', { ids: ['email=email_id'] }),
    name: 'Partner feed',
  });
  importId = run.importId!;
  await dispatch(runtime.handlers, 'automation:set', {
    importId,
    automation: {
      kind: 'schedule',
      schedule: { rule: { kind: 'daily', times: ['06:00'] }, timeZone: 'UTC', until: null },
    },
  });
  // It came due an hour ago, while the app was closed, and its feed has moved away since.
  runtime.workspace.db
    .prepare("UPDATE sources SET spec = json_set(spec, '$.url', ?)")
    .run(`${feed.url}/moved.csv`);
  runtime.workspace.db
    .prepare('UPDATE import_automations SET next_due_at = ?')
    .run(new Date(Date.now() - 3_600_000).toISOString());
  await runtime.close();
});
afterAll(async () => {
  shell?.kill();
  await feed.close();
  folders.remove();
});

it('notifies of a failed scheduled run; clicking the notification shows the run; a wake checks the schedules', async () => {
  shell = await startShell(folders);
  let notices: { title: string; body: string }[] = [];
  for (const deadline = Date.now() + 20_000; notices.length === 0 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    notices = await shell.notifications();
  }
  expect(notices).toEqual([
    { title: 'Import "Partner feed" failed', body: expect.stringContaining('moved.csv') },
  ]);

  await shell.clickNotification(0);
  const shown = await shell.waitForSent((message) => message.channel === 'runs:show');
  const { runId } = shown.payload as { importId: string; runId: string };
  expect(shown.payload).toMatchObject({ importId });
  const run = (await shell.invoke(
    'runs:get',
    { runId },
    { url: (await shell.record()).windows[0]!.loadedUrls[0]!, parent: null },
  )) as {
    ok: true;
    data: { status: string; startedBy: string };
  };
  expect([run.data.status, run.data.startedBy]).toEqual(['failed', 'catch-up']);

  await shell.powerEvent('resume');
  const log = join(folders.workspaceDir, 'logs', 'intake.log');
  let text = '';
  for (const deadline = Date.now() + 5_000; !text.includes('the computer woke') && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    text = readFileSync(log, 'utf8');
  }
  expect(text).toContain('the computer woke');
});
