import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runValuesAt } from '../../../src-shared/mapping/static-placeholders';
import { INTAKE_BIN } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';
import { col, idCol, mappingOf } from '../../unit/mapping/fixtures';

// A definition (recipe) whose static columns hold {file_name} and {run_date}, run by the built
// `intake import --definition` as a scheduled run would run the saved import: each run imports its
// own file's name and its own day, never the day the definition was written.

const temp = makeTempDir();
afterAll(() => temp.remove());
const intake = (...args: string[]) =>
  spawnSync(process.execPath, [INTAKE_BIN, ...args], { encoding: 'utf8' });

function customers(name: string, ids: string[]): string {
  const path = join(temp.dir, name);
  writeFileSync(path, `registered,name\n${ids.map((id) => `${id},Name ${id}`).join('\n')}\n`);
  return path;
}

const recipe = {
  kind: 'intake.import',
  version: 2,
  name: 'monthly customers',
  dialect: {},
  header: ['registered', 'name'],
  mapping: mappingOf('customers', [idCol('registered'), col('name')], { timeZone: 'UTC' }, [
    { name: 'source', value: 'Import_monthly_{run_date}', type: 'text' },
    { name: 'file', value: '{file_name}', type: 'text' },
    { name: 'day', value: '{run_date}', type: 'date' },
  ]),
};

describe('intake import --definition with static placeholders', () => {
  const definition = join(temp.dir, 'monthly.intake.json');
  writeFileSync(definition, JSON.stringify(recipe));
  const workspace = join(temp.dir, 'ws');

  const stored = () => {
    const result = intake(
      'workspace',
      'query',
      "SELECT v.value AS id, a.name, a.value FROM customer_attributes a JOIN customer_ids v ON v.customer_id = a.customer_id WHERE a.name IN ('source', 'file', 'day') ORDER BY v.value, a.name",
      '--workspace',
      workspace,
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { id: string; name: string; value: string }[];
  };

  // Three processes in a row: more time than one command's test gets on a busy machine.
  it(
    "imports each run's file name and day; a second file's rows carry its own name",
    { timeout: 120_000 },
    () => {
      const before = runValuesAt(new Date(), '').run_date;
      for (const [name, ids] of [
        ['customers_oct.csv', ['c1']],
        ['customers_nov.csv', ['c2']],
      ] as const) {
        const result = intake(
          'import',
          customers(name, [...ids]),
          '--definition',
          definition,
          '--workspace',
          workspace,
          '--json',
        );
        expect(result.status, result.stderr).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({
          status: 'succeeded',
          rows: { read: 1, imported: 1 },
        });
      }
      const after = runValuesAt(new Date(), '').run_date;
      const values = stored();
      const of = (id: string, name: string) =>
        values.find((row) => row.id === id && row.name === name)?.value;
      expect([of('c1', 'file'), of('c2', 'file')]).toEqual(['"customers_oct.csv"', '"customers_nov.csv"']);
      // Stored as JSON: the text, and the date as the workspace keeps dates.
      for (const id of ['c1', 'c2']) {
        expect([before, after].map((day) => `"Import_monthly_${day}"`)).toContain(of(id, 'source'));
        expect([before, after].some((day) => of(id, 'day')?.includes(day))).toBe(true);
      }
    },
  );

  it('refuses a definition whose static column names an unknown placeholder, naming the column', () => {
    const broken = join(temp.dir, 'broken.intake.json');
    writeFileSync(
      broken,
      JSON.stringify({
        ...recipe,
        mapping: { ...recipe.mapping, statics: [{ name: 'batch', value: 'Import_{today}', type: 'text' }] },
      }),
    );
    const result = intake(
      'import',
      customers('broken.csv', ['c9']),
      '--definition',
      broken,
      '--workspace',
      join(temp.dir, 'ws-broken'),
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Static column "batch": {today} is not a placeholder');
    expect(result.stderr).toContain('or write {{today}} for the text itself');
  });
});
