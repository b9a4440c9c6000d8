import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runIntake } from '../support/intake-cli';
import { INTAKE_BIN } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startPlatformFake } from '../servers/platform-fake.mjs';

// Issue 15's crash case: `intake import … --to <platform>` pushing 200,000 events is killed with
// SIGKILL mid-push. The next `intake run` sends what the outbox kept first, then only what the
// platform has not acknowledged: every event arrives, and the only ones that arrive twice are in
// requests that were on their way when the process died (marked in push_sending) — the repeat the
// README says can happen. The outbox is a window: it holds only what the sender had not finished.

const EVENTS = 200_000;
interface Fake {
  url: string;
  credentials: { projectToken: string; apiKey: string; apiSecret: string };
  received(): { name: string; data: { properties: { n: number } } }[];
  stats(): { accepted: number };
  close(): Promise<void>;
}
let fake: Fake;
const temp = makeTempDir('intake-push-crash-');
beforeAll(async () => {
  fake = (await startPlatformFake()) as Fake;
});
afterAll(async () => {
  await fake.close();
  temp.remove();
});

it(
  'resumes a push killed mid-way: every event arrives, repeats only from requests in flight',
  { timeout: 300_000 },
  async () => {
    const workspace = ['--workspace', temp.dir];
    const added = await runIntake(
      [
        'connections',
        'add',
        'platform',
        '--kind',
        'bloomreach',
        '--endpoint',
        fake.url,
        '--project',
        fake.credentials.projectToken,
        '--user',
        fake.credentials.apiKey,
        '--concurrency',
        '8',
        '--requests-per-second',
        '0',
        '--secret-stdin',
        ...workspace,
      ],
      fake.credentials.apiSecret,
    );
    expect(added.status, added.stderr).toBe(0);
    const file = join(temp.dir, 'events.csv');
    const lines = ['email,at,n'];
    for (let n = 0; n < EVENTS; n++) {
      lines.push(
        `u${n % 5000}@example.com,2026-05-01T00:00:00.${String(n % 1_000_000).padStart(6, '0')}Z,${n}`,
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const args = [
      'import',
      file,
      '--type',
      'events',
      '--event-type',
      'visit',
      '--id',
      'email=email_id',
      '--timestamp',
      'at',
      '--name',
      'visits',
      '--to',
      'platform',
      '--json',
      ...workspace,
    ];

    const child = spawn(process.execPath, [INTAKE_BIN, ...args], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for (const deadline = Date.now() + 240_000; fake.stats().accepted < EVENTS * 0.3;) {
      if (Date.now() > deadline) throw new Error('the push never got a third of the way');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const beforeResume = fake.stats().accepted;
    expect(beforeResume).toBeLessThan(EVENTS);

    // What may be repeated: the records of requests that had left when the process died.
    const control = new BetterSqlite3(join(temp.dir, 'control.sqlite'), { readonly: true });
    const inFlight = new Set<number>();
    const sending = control
      .prepare(
        'SELECT r.body FROM push_requests r JOIN push_sending s ON s.run_id = r.run_id AND s.seq = r.seq',
      )
      .pluck()
      .all() as string[];
    for (const body of sending) {
      for (const command of (JSON.parse(body) as { commands: { data: { properties: { n: number } } }[] })
        .commands) {
        inFlight.add(command.data.properties.n);
      }
    }
    const leftInOutbox = control.prepare('SELECT COUNT(*) FROM push_requests').pluck().get() as number;
    control.close();
    expect(leftInOutbox).toBeGreaterThan(0);

    const resumed = await runIntake(['run', 'visits', '--json', ...workspace]);
    expect(resumed.status, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { push: { sent: number; skipped: number } };

    const counts = new Map<number, number>();
    for (const command of fake.received()) {
      const n = command.data.properties.n;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    expect(counts.size).toBe(EVENTS);
    const repeated = [...counts].filter(([, count]) => count > 1).map(([n]) => n);
    expect(repeated.filter((n) => !inFlight.has(n))).toEqual([]);
    expect([...counts.values()].every((count) => count <= 2)).toBe(true);
    // The resumed run skipped what the platform had acknowledged before the kill.
    expect(summary.push.skipped).toBeGreaterThan(0);
    console.log(
      `push crash: killed after ${beforeResume.toLocaleString('en')} of ${EVENTS.toLocaleString('en')} events; ${inFlight.size} in flight; ${repeated.length} arrived twice; the next run sent ${summary.push.sent.toLocaleString('en')} and skipped ${summary.push.skipped.toLocaleString('en')}`,
    );
  },
);
