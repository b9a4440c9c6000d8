import { afterEach, describe, expect, it } from 'vitest';
import { IntakeError } from '../../../src-shared/errors';
import { requirementsOf } from '../../../src-shared/mapping/requirements';
import {
  fileNameOfSource,
  fillPlaceholders,
  fillStatics,
  hasPlaceholders,
  runValuesAt,
  staticValues,
  usesFileName,
  type RunValues,
} from '../../../src-shared/mapping/static-placeholders';
import type { StaticColumn } from '../../../src-shared/model/mapping';
import { idCol, mappingOf } from './fixtures';

// Static columns' placeholders: filled at each run with the run's start (on the local clock) and
// the name of the file it reads; `{{name}}` keeps braces as text; an unknown name is refused,
// naming the column.

const values: RunValues = { run_date: '2026-11-23', run_time: '08:05:09', file_name: 'customers_nov.csv' };
const fill = (template: string) => fillPlaceholders(template, values);
const withStatics = (...statics: StaticColumn[]) =>
  mappingOf('customers', [idCol('registered')], {}, statics);

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('runValuesAt', () => {
  // 23:30 UTC on 31 January is already 1 February in Auckland and still 31 January in Los Angeles:
  // the date a run imports is the calendar day of the computer it runs on.
  const instant = new Date('2026-01-31T23:30:05Z');

  it('takes the date and time of the local time zone, not UTC', () => {
    process.env.TZ = 'Pacific/Auckland';
    expect(runValuesAt(instant, 'a.csv')).toEqual({
      run_date: '2026-02-01',
      run_time: '12:30:05',
      file_name: 'a.csv',
    });
    process.env.TZ = 'America/Los_Angeles';
    expect(runValuesAt(instant, '')).toEqual({ run_date: '2026-01-31', run_time: '15:30:05', file_name: '' });
  });

  it('pads months, days, hours, minutes and seconds to two digits', () => {
    process.env.TZ = 'UTC';
    expect(runValuesAt(new Date('2026-03-04T05:06:07Z'), '')).toMatchObject({
      run_date: '2026-03-04',
      run_time: '05:06:07',
    });
  });
});

describe('fillPlaceholders', () => {
  it.each([
    ['Import_{run_date}', 'Import_2026-11-23'],
    ['at {run_time}', 'at 08:05:09'],
    ['{file_name}', 'customers_nov.csv'],
    ['{file_name} on {run_date} {run_time}', 'customers_nov.csv on 2026-11-23 08:05:09'],
    ['{run_date}{run_date}', '2026-11-232026-11-23'],
  ])('fills %j as %j', (template, expected) => {
    expect(fill(template)).toEqual({ ok: true, value: expected });
  });

  it('writes {{name}} as the text {name}, for any name', () => {
    expect(fill('{{run_date}} is {run_date}')).toEqual({ ok: true, value: '{run_date} is 2026-11-23' });
    expect(fill('{{anything}}')).toEqual({ ok: true, value: '{anything}' });
  });

  it('leaves braces that hold no name alone: JSON and lone braces need no escaping', () => {
    for (const text of ['{"a": 1}', '{"a":{"b":[1,2]}}', '{ }', '}{', '{1st}', 'a { b']) {
      expect(fill(text)).toEqual({ ok: true, value: text });
    }
    expect(fill('{"file": "{file_name}"}')).toEqual({ ok: true, value: '{"file": "customers_nov.csv"}' });
  });

  it('refuses a name it does not know, naming the first one (names are case-sensitive)', () => {
    expect(fill('Import_{run_day}_{source}')).toEqual({ ok: false, unknown: 'run_day' });
    expect(fill('{RUN_DATE}')).toEqual({ ok: false, unknown: 'RUN_DATE' });
  });

  it('leaves a value without placeholders as it is', () => {
    expect(fill('Import_newsletter_2025-04-03')).toEqual({ ok: true, value: 'Import_newsletter_2025-04-03' });
    expect(hasPlaceholders('Import_newsletter_2025-04-03')).toBe(false);
    expect(hasPlaceholders('Import_{run_date}')).toBe(true);
    expect(hasPlaceholders('{{run_date}}')).toBe(true);
  });
});

describe('fillStatics', () => {
  it('fills every static column for the run and keeps the rest of the mapping', () => {
    const mapping = withStatics(
      { name: 'source', value: 'Import_{run_date}', type: 'text' },
      { name: 'file', value: '{file_name}', type: 'text' },
      { name: 'day', value: '{run_date}', type: 'date' },
      { name: 'fixed', value: 'Import_2025-04-03', type: 'text' },
    );
    const filled = fillStatics(mapping, values);
    expect(filled.statics.map((column) => column.value)).toEqual([
      'Import_2026-11-23',
      'customers_nov.csv',
      '2026-11-23',
      'Import_2025-04-03',
    ]);
    expect(filled.columns).toBe(mapping.columns);
    expect(mapping.statics[0]!.value).toBe('Import_{run_date}');
    // The date column's value is a date, as a record carries it.
    expect(staticValues(filled)[2]).toEqual({ name: 'day', type: 'date', value: expect.anything() });
    expect(staticValues(filled)[2]!.value).not.toBeNull();
  });

  it('returns a mapping whose statics hold no placeholder unchanged (saved imports with a literal date)', () => {
    const mapping = withStatics({ name: 'source', value: 'Import_shop_2025-04-03', type: 'text' });
    expect(fillStatics(mapping, values)).toBe(mapping);
  });

  it('refuses an unknown placeholder with VALIDATION, naming the static column', () => {
    const mapping = withStatics({ name: 'batch', value: 'Import_{run_day}', type: 'text' });
    let error: unknown;
    try {
      fillStatics(mapping, values);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(IntakeError);
    expect((error as IntakeError).toAppError()).toEqual({
      code: 'VALIDATION',
      message:
        'Static column "batch": {run_day} is not a placeholder; use {run_date} (the day the run starts, YYYY-MM-DD), ' +
        '{run_time} (HH:MM:SS) or {file_name}, or write {{run_day}} for the text itself (file "customers_nov.csv").',
      details: { column: 'batch', setting: 'statics', file: 'customers_nov.csv' },
    });
  });

  it('refuses a filled value that is not of the column type, naming the column, the value and the file', () => {
    const mapping = withStatics({ name: 'batch', value: '{file_name}', type: 'number' });
    expect(() => fillStatics(mapping, values)).toThrow(
      /^Static column "batch" \("customers_nov\.csv" in a run now\): .+ \(file "customers_nov\.csv"\)\.$/,
    );
  });

  it('gives each file its own name: a run over two files fills two names', () => {
    const mapping = withStatics({ name: 'file', value: 'from {file_name}', type: 'text' });
    const names = ['jan.csv', 'feb.csv'].map(
      (file_name) => fillStatics(mapping, { ...values, file_name }).statics[0]!.value,
    );
    expect(names).toEqual(['from jan.csv', 'from feb.csv']);
  });
});

describe('requirementsOf with placeholders', () => {
  const details = (...statics: StaticColumn[]) =>
    requirementsOf(withStatics(...statics))
      .filter((requirement) => !requirement.met)
      .map((requirement) => requirement.detail);

  it('accepts placeholders checked as a run now fills them (a date column given {run_date})', () => {
    expect(
      details(
        { name: 'source', value: 'Import_{run_date}_{run_time}', type: 'text' },
        { name: 'day', value: '{run_date}', type: 'date' },
        { name: 'file', value: '{file_name}', type: 'text' },
        { name: 'braces', value: '{{file_name}}', type: 'text' },
      ),
    ).toEqual([]);
  });

  it('lists an unknown placeholder as a problem naming the static column', () => {
    expect(details({ name: 'batch', value: 'Import_{today}', type: 'text' })).toEqual([
      'Static column "batch": {today} is not a placeholder; use {run_date} (the day the run starts, YYYY-MM-DD), ' +
        '{run_time} (HH:MM:SS) or {file_name}, or write {{today}} for the text itself.',
    ]);
  });

  it('refuses a date column given the run time, showing the value a run now would import', () => {
    const [detail] = details({ name: 'day', value: '{run_time}', type: 'date' });
    expect(detail).toMatch(/^Static column "day" \("\d\d:\d\d:\d\d" in a run now\): /);
  });
});

describe('usesFileName', () => {
  it('is true only for a {file_name} placeholder, not an escaped one', () => {
    expect(usesFileName(withStatics({ name: 'f', value: 'x_{file_name}', type: 'text' }))).toBe(true);
    expect(usesFileName(withStatics({ name: 'f', value: '{{file_name}}', type: 'text' }))).toBe(false);
    expect(usesFileName(withStatics({ name: 'f', value: '{run_date}', type: 'text' }))).toBe(false);
  });
});

describe('fileNameOfSource', () => {
  it.each([
    [{ kind: 'file', path: '/home/eva/exports/customers.csv' } as const, 'customers.csv'],
    [{ kind: 'file', path: 'C:\\Users\\eva\\customers 2026.csv' } as const, 'customers 2026.csv'],
    [{ kind: 'upload', name: 'customers_nov.csv' } as const, 'customers_nov.csv'],
    [
      { kind: 'url', url: 'https://feeds.example.com/exports/list%20nov.csv?token=x#top' } as const,
      'list nov.csv',
    ],
    [{ kind: 'url', url: 'https://feeds.example.com/' } as const, ''],
    [{ kind: 'storage', path: 'exports/2026/nov.csv', match: null } as const, 'nov.csv'],
    [{ kind: 'storage', path: 'exports', match: '/\\.csv$/' } as const, ''],
    [{ kind: 'storage', path: 'exports', match: '/\\.csv$/', file: 'sub/dec.csv' } as const, 'dec.csv'],
    [{ kind: 'paste' } as const, ''],
    [{ kind: 'sql' } as const, ''],
    [{ kind: 'workspace' } as const, ''],
  ])('names %j %j', (source, expected) => {
    expect(fileNameOfSource(source)).toBe(expected);
  });
});
