import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { runIntake } from '../support/intake-cli';
import { startServe } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
// @ts-expect-error -- a plain .mjs test server, shared with the vitest suites
import { startFeedServer } from '../servers/feed-server.mjs';

// Imports that run by themselves, as a user meets them in a browser: a weekly schedule set in the
// editor and shown in words with its next run, and a scheduled run that fails — announced by a
// browser notification (the permission granted) that opens the run, and shown on the import's row.

const QUERY = "SELECT 'ann@example.com' AS email, 'Ann' AS name";

test('a weekly schedule is shown in words with its next run', async ({ app, page }) => {
  const saved = await runIntake([
    'import',
    '--workspace-query',
    QUERY,
    '--type',
    'customers',
    '--id',
    'email=email_id',
    '--name',
    'Nightly query',
    '--workspace',
    app.workspaceDir,
  ]);
  expect(saved.status, saved.stderr).toBe(0);
  await app.open();
  const row = page.getByTestId('import-row').filter({ hasText: 'Nightly query' });
  await expect(row.getByTestId('import-automation')).toHaveText('Only when asked');
  await row.getByRole('button', { name: 'Schedule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule' });
  await dialog.getByLabel('Runs').selectOption('weekly');
  for (const day of ['Tue', 'Thu', 'Fri']) await dialog.getByRole('checkbox', { name: day }).uncheck();
  await dialog.getByLabel('Time', { exact: true }).fill('06:30');
  await dialog.getByLabel('Time zone').selectOption('Europe/Prague');
  await expect(dialog.getByTestId('schedule-words')).toHaveText('Mon and Wed at 06:30, Europe/Prague');
  await expect(dialog.getByTestId('schedule-preview')).toContainText('Next:');
  await app.screenshot('40-schedule-editor');
  await dialog.getByRole('button', { name: 'Save schedule' }).click();
  await expect(dialog).toBeHidden();

  await expect(row.getByTestId('automation-words')).toHaveText('Mon and Wed at 06:30, Europe/Prague');
  await expect(row.getByTestId('automation-next')).toContainText('Next:');
  await app.screenshot('41-schedule-on-the-row');
  // The next run the row shows is a Monday or a Wednesday at 06:30 in Prague, after now.
  const listed = await runIntake(['schedules', 'list', '--json', '--workspace', app.workspaceDir]);
  const [state] = JSON.parse(listed.stdout) as { nextDueAt: string }[];
  const next = new Date(state!.nextDueAt);
  expect(next.getTime()).toBeGreaterThan(Date.now());
  const inPrague = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Prague',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(next);
  expect(inPrague).toMatch(/^(Mon|Wed) 06:30$/);

  await row.getByRole('button', { name: 'Pause' }).click();
  await expect(row.getByTestId('automation-next')).toHaveText('Paused');
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row.getByTestId('automation-next')).toContainText('Next:');
});

test('a failed scheduled run raises a notification that opens the run, and shows on the row', async ({
  page,
  context,
}) => {
  const feed = (await startFeedServer({ files: { '/partners.csv': 'email,name\nbo@example.com,Bo\n' } })) as {
    url: string;
    close(): Promise<void>;
  };
  const temp = makeTempDir('intake-e2e-');
  let serve: Awaited<ReturnType<typeof startServe>> | null = null;
  try {
    const saved = await runIntake([
      'import',
      '--url',
      `${feed.url}/partners.csv`,
      '--type',
      'customers',
      '--id',
      'email=email_id',
      '--name',
      'Partner feed',
      '--schedule',
      'daily 06:00',
      '--workspace',
      temp.dir,
    ]);
    expect(saved.status, saved.stderr).toBe(0);
    // The feed goes away: the next run cannot connect.
    await feed.close();
    serve = await startServe(temp.dir, [], { INTAKE_TEST_TICK_MS: '300' });
    await context.grantPermissions(['notifications'], { origin: serve.origin });
    // Records each notification the page raises (the real one still shows).
    await page.addInitScript(() => {
      const Real = window.Notification;
      const shown: Notification[] = [];
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(this);
        }
      }
      Object.assign(window, { shownNotifications: shown, Notification: Recorded });
    });
    await page.goto(serve.url);
    await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
    const row = page.getByTestId('import-row').filter({ hasText: 'Partner feed' });
    await expect(row.getByTestId('automation-words')).toHaveText(/^Every day at 06:00, /);

    // Its 06:00 comes: as if the clock reached the stored due time.
    const db = new Database(join(temp.dir, 'control.sqlite'));
    db.pragma('busy_timeout = 5000');
    db.prepare('UPDATE import_automations SET next_due_at = ?').run(new Date().toISOString());
    db.close();

    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { shownNotifications: Notification[] }).shownNotifications.map((n) => [
            n.title,
            n.body,
          ]),
        ),
      )
      .toEqual([
        [
          'Import "Partner feed" failed',
          expect.stringMatching(/^Cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/),
        ],
      ]);
    await expect(row.getByTestId('import-failure')).toContainText('A scheduled run failed');
    await page.screenshot({
      path: join(process.cwd(), 'test', 'output', 'screenshots', '42-scheduled-failure.png'),
    });
    await page.evaluate(() =>
      (window as unknown as { shownNotifications: Notification[] }).shownNotifications[0]!.onclick?.(
        new Event('click'),
      ),
    );
    const detail = page.getByTestId('run-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByTestId('run-started-by')).toContainText('Its schedule');
    await expect(detail.getByTestId('run-error')).toBeVisible();
  } finally {
    await serve?.stop();
    temp.remove();
  }
});
