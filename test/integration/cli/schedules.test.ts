import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIntake } from '../../support/intake-cli';
import { startServe } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startFeedServer } from '../../servers/feed-server.mjs';

// The headless side of schedules through the built CLI: a schedule saved with an import, listed
// and checked with `schedules next` across a daylight-saving change without waiting for it,
// refusals before the workspace changes, pause and resume, and `intake serve --on-failure`
// running the user's command with the failure in its environment.

const QUERY = "SELECT 'ann@example.com' AS email";
const temp = makeTempDir('intake-cli-schedules-');
const workspace = ['--workspace', temp.dir];
afterAll(() => temp.remove());

const importArgs = (name: string, schedule: string) => [
  'import',
  '--workspace-query',
  QUERY,
  '--type',
  'customers',
  '--id',
  'email=email_id',
  '--name',
  name,
  '--schedule',
  schedule,
  ...workspace,
];

describe('intake schedules', () => {
  it('saves a schedule with an import, lists it, and prints its next due times in UTC', async () => {
    const saved = await runIntake(
      importArgs('weekly query', 'weekly mon,wed 07:30 tz=Europe/Prague until=2027-12-31'),
    );
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.stderr).toContain(
      '"weekly query" runs by itself: Mon and Wed at 07:30, Europe/Prague, until 31 Dec 2027',
    );

    const listed = await runIntake(['schedules', 'list', '--json', ...workspace]);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      {
        import: 'weekly query',
        words: 'Mon and Wed at 07:30, Europe/Prague, until 31 Dec 2027',
        paused: false,
      },
    ]);
    // Prague moves to summer time on Sunday 28 March 2027: 07:30 is 06:30Z before, 05:30Z after.
    const next = await runIntake([
      'schedules',
      'next',
      'weekly query',
      '--from',
      '2027-03-22T00:00:00Z',
      '--count',
      '4',
      '--json',
      ...workspace,
    ]);
    expect(JSON.parse(next.stdout)).toEqual({
      import: 'weekly query',
      next: [
        '2027-03-22T06:30:00.000Z',
        '2027-03-24T06:30:00.000Z',
        '2027-03-29T05:30:00.000Z',
        '2027-03-31T05:30:00.000Z',
      ],
    });
    // The last runs before `until` (inclusive), then none.
    const end = await runIntake([
      'schedules',
      'next',
      'weekly query',
      '--from',
      '2027-12-26T00:00:00Z',
      '--json',
      ...workspace,
    ]);
    expect(JSON.parse(end.stdout).next).toEqual(['2027-12-27T06:30:00.000Z', '2027-12-29T06:30:00.000Z']);
  });

  it('refuses a bad spec and a file source before the workspace changes, naming the problem', async () => {
    const bad = await runIntake(importArgs('bad spec', 'weekly mon,xyz 07:30'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"xyz" is not a day (mon, tue, wed, thu, fri, sat, sun)');
    const file = join(temp.dir, 'people.csv');
    writeFileSync(file, 'email\nbo@example.com\n');
    const dropped = await runIntake([
      'import',
      file,
      '--type',
      'customers',
      '--id',
      'email=email_id',
      '--name',
      'file',
      '--schedule',
      'daily 06:00',
      ...workspace,
    ]);
    expect(dropped.status).toBe(2);
    expect(dropped.stderr).toContain('a file never changes');
    const names = await runIntake([
      'workspace',
      'query',
      'SELECT name FROM imports ORDER BY name',
      '--json',
      ...workspace,
    ]);
    expect(names.stdout).not.toMatch(/bad spec|"file"/);
  });

  it('pauses and resumes', async () => {
    const paused = await runIntake(['schedules', 'pause', 'weekly query', ...workspace]);
    expect(paused.stdout).toContain('weekly query: paused');
    const listed = JSON.parse((await runIntake(['schedules', 'list', '--json', ...workspace])).stdout) as {
      paused: boolean;
    }[];
    expect(listed[0]?.paused).toBe(true);
    const resumed = await runIntake(['schedules', 'resume', 'weekly query', ...workspace]);
    expect(resumed.stdout).toMatch(/weekly query: resumed, next 20\d\d-/);
  });
});

describe('intake serve --on-failure', () => {
  let feed: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    feed = await startFeedServer({ files: { '/partners.csv': 'email\nbo@example.com\n' } });
  });
  afterAll(() => feed.close());

  it("runs the user's command with the failed run in its environment, never in its command line", async () => {
    const dir = makeTempDir('intake-cli-on-failure-');
    try {
      // A name that would be shell syntax if it were pasted into the command.
      const name = 'partners; touch pwned';
      const saved = await runIntake([
        'import',
        '--url',
        `${feed.url}/partners.csv`,
        '--type',
        'customers',
        '--id',
        'email=email_id',
        '--name',
        name,
        '--schedule',
        'daily 06:00',
        '--workspace',
        dir.dir,
      ]);
      expect(saved.status, saved.stderr).toBe(0);
      const db = new BetterSqlite3(join(dir.dir, 'control.sqlite'));
      db.prepare("UPDATE sources SET spec = json_set(spec, '$.url', ?)").run(`${feed.url}/moved.csv`);
      db.prepare('UPDATE import_automations SET next_due_at = ?').run(new Date().toISOString());
      db.close();
      const out = join(dir.dir, 'failure.txt');
      const serve = await startServe(
        dir.dir,
        [
          '--on-failure',
          `printf '%s|%s|%s' "$INTAKE_IMPORT" "$INTAKE_STARTED_BY" "$INTAKE_ERROR" > '${out}'`,
        ],
        { INTAKE_TEST_TICK_MS: '200' },
      );
      try {
        for (const deadline = Date.now() + 20_000; !existsSync(out) && Date.now() < deadline;) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        const [importName, startedBy, error] = readFileSync(out, 'utf8').split('|');
        expect([importName, startedBy]).toEqual([name, 'schedule']);
        expect(error).toContain('moved.csv');
        expect(existsSync(join(dir.dir, 'pwned'))).toBe(false);
        expect(serve.output()).toContain(`a scheduled run of "${name}" failed`);
      } finally {
        await serve.stop();
      }
    } finally {
      dir.remove();
    }
  });
});
