import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src-main/services/log/logger';
import { INTAKE_BIN } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';

// Hardening #4: a full disk during staging or processing used to crash the CLI with a stack trace
// from the logger, print no JSON, leave the run "processing" and a large WAL. It must fail the
// run with DISK_FULL naming the folder, and the logger must never throw. The disk is a real one:
// a small tmpfs mounted for the test (root only; CI runs as root).

const temp = makeTempDir('intake-disk-full-');
const mounted: string[] = [];
const canMount =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('mount', ['--version'], { stdio: 'ignore' }).status === 0;

/** A fresh tmpfs of `size` mounted under the test folder. */
function smallDisk(name: string, size: string): string {
  const dir = join(temp.dir, name);
  mkdirSync(dir);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`mount tmpfs failed: ${result.stderr}`);
  mounted.push(dir);
  return dir;
}

let source: string;
beforeAll(() => {
  source = join(temp.dir, 'events.csv');
  const lines = ['email,at,note'];
  for (let i = 0; i < 60_000; i++) lines.push(`user${i}@example.com,${1_700_000_000 + i},${'x'.repeat(80)}`);
  writeFileSync(source, `${lines.join('\n')}\n`);
});
afterAll(() => {
  for (const dir of mounted) spawnSync('umount', [dir]);
  temp.remove();
});

function importInto(workspace: string) {
  const result = spawnSync(
    process.execPath,
    [
      INTAKE_BIN,
      'import',
      source,
      '--type',
      'events',
      '--event-type',
      'view',
      '--id',
      'email=email_id',
      '--timestamp',
      'at',
      '--workspace',
      workspace,
      '--json',
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Skipped where a small tmpfs cannot be mounted (mounting needs root): a real full disk is the point.
describe.skipIf(!canMount)('a full disk', () => {
  it('during staging fails the run as DISK_FULL naming the folder, with the JSON summary and no stack trace', () => {
    const workspace = join(smallDisk('staging', '6m'), 'ws');
    const result = importInto(workspace);
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout.trim()) as {
      status: string;
      error: { code: string; message: string };
    };
    expect(summary.status).toBe('failed');
    expect(summary.error.code).toBe('DISK_FULL');
    expect(summary.error.message).toContain(workspace);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    // The half-written dataset went with the failure.
    const datasets = join(workspace, 'datasets');
    expect(existsSync(datasets) ? readdirSync(datasets) : []).toEqual([]);
  });

  it('during processing fails the run as DISK_FULL, imports nothing and leaves no WAL behind', () => {
    const workspace = join(smallDisk('processing', '14m'), 'ws');
    const result = importInto(workspace);
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout.trim()) as {
      status: string;
      error: { code: string; message: string };
    };
    expect(summary).toMatchObject({ status: 'failed', error: { code: 'DISK_FULL' } });
    expect(summary.error.message).toContain(workspace);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const wal = join(workspace, 'workspace.sqlite-wal');
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const db = new BetterSqlite3(join(workspace, 'workspace.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(0);
      expect(db.prepare('SELECT COUNT(*) FROM customers').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('the logger', () => {
  it('never throws: a log folder that cannot be written is echoed instead', () => {
    const dir = join(temp.dir, 'no-logs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'logs'), 'a file where the logs folder should be');
    const echoed: string[] = [];
    const log = createFileLogger(dir, (line) => echoed.push(line));
    expect(() => log.info('started', { n: 1 })).not.toThrow();
    expect(() => log.error('failed', { error: 'ENOSPC' })).not.toThrow();
    expect(echoed.map((line) => JSON.parse(line).message)).toEqual(['started', 'failed']);
    const throwing = createFileLogger(dir, () => {
      throw new Error('stderr is gone');
    });
    expect(() => throwing.warn('still fine')).not.toThrow();
  });
});
