import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { runIntake } from '../../support/intake-cli';
import { makeTempDir } from '../../support/temp-dir';

// Incremental sync from the command line, over a SQLite file through a saved connection: the first
// run reads every row and keeps the newest time, the next reads only rows from that second on (the
// equal one is skipped, not imported again), and --reset-cursor reads everything again.

const temp = makeTempDir('intake-cli-incremental-');
afterAll(() => temp.remove());
const workspace = ['--workspace', temp.dir];

it('imports only rows after the cursor, counts the boundary row as skipped, and reads all again after a reset', async () => {
  const file = join(temp.dir, 'shop.db');
  const shop = new BetterSqlite3(file);
  shop.exec('CREATE TABLE visits (email TEXT, at INTEGER)');
  const visit = shop.prepare('INSERT INTO visits VALUES (?, ?)');
  visit.run('ann@example.com', 1_700_000_000);
  visit.run('bob@example.com', 1_700_000_100);
  const added = await runIntake([
    'connections',
    'add',
    'shop',
    '--kind',
    'sqlite',
    '--path',
    file,
    ...workspace,
  ]);
  expect(added.status, added.stderr).toBe(0);

  const first = await runIntake([
    'import',
    '--connection',
    'shop',
    '--query',
    'SELECT email, at FROM visits',
    '--type',
    'events',
    '--event-type',
    'visit',
    '--id',
    'email=email_id',
    '--timestamp',
    'at',
    '--incremental',
    '--name',
    'visits',
    '--json',
    ...workspace,
  ]);
  expect(first.status, first.stderr).toBe(0);
  expect(JSON.parse(first.stdout).rows).toMatchObject({ read: 2, imported: 2, skipped: 0 });

  visit.run('cid@example.com', 1_700_000_200);
  shop.close();
  const second = await runIntake(['run', 'visits', '--json', ...workspace]);
  expect(second.status, second.stderr).toBe(0);
  // Bob's second is read again (the database compares whole seconds) and skipped; Cid is new.
  expect(JSON.parse(second.stdout).rows).toMatchObject({ read: 2, imported: 1, skipped: 1, rejected: 0 });

  const again = await runIntake(['run', 'visits', '--reset-cursor', '--json', ...workspace]);
  expect(again.status, again.stderr).toBe(0);
  expect(again.stderr).toContain('"visits" forgot its cursor: this run reads everything.');
  // Every row again; the events are known already and deduplicated.
  expect(JSON.parse(again.stdout).rows).toMatchObject({ read: 3, imported: 0, deduplicated: 3, skipped: 0 });
});
