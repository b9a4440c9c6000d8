import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { INTAKE_BIN } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';
import { col, idCol, mappingOf } from '../../unit/mapping/fixtures';

// A recipe's cleanup steps replayed by `intake import --definition` (as scheduled runs replay a
// saved import's): the Czech file of issue 16 imports whole, even with its header spelled otherwise,
// and a hand edit whose row changed in a new file is skipped, never applied to another value.

const temp = makeTempDir();
afterAll(() => temp.remove());
const intake = (...args: string[]) =>
  spawnSync(process.execPath, [INTAKE_BIN, ...args], { encoding: 'utf8' });

function czech(vipHeader: string, rows: number, credit7 = '700,74'): string {
  const path = join(temp.dir, `customers-${vipHeader.trim()}-${rows}-${credit7}.csv`);
  const lines = [`registered;jméno;${vipHeader};credit`];
  for (let i = 1; i <= rows; i++)
    lines.push(`c${i};Zákazník ${i};${i % 4 === 0 ? 'ne' : 'ano'};${i === 7 ? credit7 : `${i * 100},74`}`);
  writeFileSync(path, iconv.encode(lines.join('\r\n') + '\r\n', 'cp1250'));
  return path;
}

const recipe = {
  kind: 'intake.import',
  version: 2,
  name: 'czech customers',
  dialect: {},
  header: ['registered', 'jméno', 'vip', 'credit'],
  mapping: {
    ...mappingOf(
      'customers',
      [idCol('registered'), col('jméno'), col('vip', { type: 'boolean' }), col('credit', { type: 'number' })],
      { timeZone: 'UTC' },
    ),
    cleanup: [
      {
        kind: 'map-values',
        column: 'vip',
        pairs: [
          ['ano', 'true'],
          ['ne', 'false'],
        ],
        caseSensitive: false,
      },
      { kind: 'replace', column: 'credit', find: ',', replace: '.', regex: false, caseSensitive: true },
      { kind: 'edit-cells', edits: [{ row: 8, column: 'credit', old: '700,74', value: '707,07' }] },
    ],
  },
};

describe('intake import --definition with cleanup steps', () => {
  const definition = join(temp.dir, 'czech.intake.json');
  writeFileSync(definition, JSON.stringify(recipe));

  it('replays the steps: every row imports, values mapped, commas replaced, the hand edit applied', () => {
    const workspace = join(temp.dir, 'ws-1');
    const result = intake(
      'import',
      czech('VIP ', 40),
      '--definition',
      definition,
      '--workspace',
      workspace,
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'succeeded',
      rows: { read: 40, imported: 40, rejected: 0 },
    });
    const stored = spawnSync(
      process.execPath,
      [
        INTAKE_BIN,
        'workspace',
        'query',
        'SELECT name, value FROM customer_attributes ORDER BY name',
        '--workspace',
        workspace,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(stored.status, stored.stderr).toBe(0);
    const attributes = JSON.parse(stored.stdout) as { name: string; value: string }[];
    const credits = attributes.filter((row) => row.name === 'credit').map((row) => Number(row.value));
    expect(credits).toContain(707.07);
    expect(credits).toContain(100.74);
    expect(credits).not.toContain(700.74);
    const vip = attributes.filter((row) => row.name.toLowerCase().startsWith('vip')).map((row) => row.value);
    expect(new Set(vip)).toEqual(new Set(['true', 'false']));
  });

  it('skips a hand edit whose cell no longer holds the value it replaced', () => {
    const workspace = join(temp.dir, 'ws-2');
    const result = intake(
      'import',
      czech('vip', 40, '999,99'),
      '--definition',
      definition,
      '--workspace',
      workspace,
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    const stored = spawnSync(
      process.execPath,
      [
        INTAKE_BIN,
        'workspace',
        'query',
        "SELECT value FROM customer_attributes WHERE name = 'credit'",
        '--workspace',
        workspace,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    const credits = (JSON.parse(stored.stdout) as { value: string }[]).map((row) => Number(row.value));
    expect(credits).toContain(999.99);
    expect(credits).not.toContain(707.07);
    // And the run says so, naming the row, the column and both values.
    const again = intake(
      'import',
      czech('vip', 40, '999,99'),
      '--definition',
      definition,
      '--workspace',
      workspace,
    );
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      'warning: 1 hand edit was not applied, as the file changed since it was made: row 8, credit holds "999,99", not "700,74".',
    );
  });
});
