import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTAKE_BIN } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';

// Hardening #9: `intake workspace query` ran an endless recursive CTE forever. It now stops a
// query at its time limit (60 s by default, --timeout SECONDS) and says so.

const temp = makeTempDir();
afterAll(() => temp.remove());
const intake = (...args: string[]) =>
  spawnSync(process.execPath, [INTAKE_BIN, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('intake workspace query', () => {
  it('stops an endless query at its time limit, with a coded error and exit 1', () => {
    const workspace = join(temp.dir, 'ws');
    const file = join(temp.dir, 'c.csv');
    writeFileSync(file, 'email\nann@example.com\n');
    expect(
      intake('import', file, '--type', 'customers', '--id', 'email=email_id', '--workspace', workspace)
        .status,
    ).toBe(0);
    const started = Date.now();
    const endless = intake(
      'workspace',
      'query',
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) FROM r',
      '--workspace',
      workspace,
      '--timeout',
      '1.5',
      '--json',
    );
    expect(endless.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(JSON.parse(endless.stdout)).toMatchObject({
      error: {
        code: 'TIMEOUT',
        message: expect.stringMatching(/ran for 1\.5 s without finishing and was stopped/),
      },
    });
    expect(
      intake('workspace', 'query', 'SELECT 1', '--workspace', workspace, '--timeout', 'soon').status,
    ).toBe(2);
  });
});
