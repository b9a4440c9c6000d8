import { describe, expect, it } from 'vitest';
import { applyEdits, cellCleaner, stepsForColumn } from '../../../src-shared/cleanup/cell-steps';
import { checkKey, columnCheckOf } from '../../../src-shared/mapping/column-check';
import { createRowMapper } from '../../../src-shared/mapping/map-row';
import type { CellStep, CleanupStep } from '../../../src-shared/model/cleanup';
import { describeSteps } from '../../../src-shared/model/cleanup';
import { col, idCol, mappingOf } from '../mapping/fixtures';

const clean = (step: CellStep, value: string) => cellCleaner([step])(value);

describe('cleanup steps on one cell', () => {
  it('maps listed values, trimmed and in any case unless told otherwise', () => {
    const step: CellStep = {
      kind: 'map-values',
      column: 'vip',
      pairs: [
        ['ano', 'true'],
        ['ne', 'false'],
        ['N/A', ''],
      ],
      caseSensitive: false,
    };
    expect(['ano', ' ANO ', 'ne', 'n/a', 'nevim'].map((value) => clean(step, value))).toEqual([
      'true',
      'true',
      'false',
      '',
      'nevim',
    ]);
    expect(clean({ ...step, caseSensitive: true }, 'ANO')).toBe('ANO');
  });

  it('replaces plain text as written and regular expressions with their groups', () => {
    const plain: CellStep = {
      kind: 'replace',
      column: 'credit',
      find: '.',
      replace: '$1',
      regex: false,
      caseSensitive: true,
    };
    expect(clean(plain, '1.299.000')).toBe('1$1299$1000');
    const grouped: CellStep = {
      kind: 'replace',
      column: 'name',
      find: '^([^,]+), (.+)$',
      replace: '$2 $1',
      regex: true,
      caseSensitive: true,
    };
    expect(clean(grouped, 'Novák, Jan')).toBe('Jan Novák');
    const anyCase: CellStep = {
      kind: 'replace',
      column: null,
      find: 'praha',
      replace: 'Prague',
      regex: false,
      caseSensitive: false,
    };
    expect(clean(anyCase, 'PRAHA 4, Praha')).toBe('Prague 4, Prague');
  });

  it('sets defaults, changes case, collapses spaces and removes characters', () => {
    expect(clean({ kind: 'default', column: 'c', value: 'CZ' }, '  ')).toBe('CZ');
    expect(clean({ kind: 'default', column: 'c', value: 'CZ' }, 'SK')).toBe('SK');
    expect(clean({ kind: 'case', column: 'c', to: 'title' }, "jean-luc o'NEILL čapek")).toBe(
      "Jean-Luc O'Neill Čapek",
    );
    expect(clean({ kind: 'case', column: 'c', to: 'upper' }, 'straße')).toBe('STRASSE');
    expect(clean({ kind: 'collapse-spaces', column: 'c' }, '  Jan \t\u00a0 Novák ')).toBe('Jan Novák');
    expect(
      clean({ kind: 'remove-characters', column: 'c', characters: '+ ()-]' }, '+420 (602) 123-456]'),
    ).toBe('420602123456');
  });

  it('runs a column’s steps in order, replace-everywhere steps included', () => {
    const steps: CleanupStep[] = [
      { kind: 'replace', column: null, find: ' ', replace: '', regex: false, caseSensitive: true },
      { kind: 'map-values', column: 'vip', pairs: [['a no', 'x']], caseSensitive: false },
      { kind: 'map-values', column: 'vip', pairs: [['ano', 'true']], caseSensitive: false },
      { kind: 'case', column: 'other', to: 'upper' },
    ];
    const forVip = stepsForColumn(steps, 'vip');
    expect(forVip.map((step) => step.kind)).toEqual(['replace', 'map-values', 'map-values']);
    expect(cellCleaner(forVip)('a no')).toBe('true');
    expect(describeSteps(steps)).toBe(
      '4 cleanup steps: replace " " in every column, map vip values (1), map vip values (1), upper case in other',
    );
  });
});

describe('hand edits', () => {
  it('apply only where the cell still holds the value they replaced', () => {
    const skipped: [number, string][] = [];
    const edits = [
      { column: 1, old: 'Prgue', value: 'Prague' },
      { column: 2, old: 'old', value: 'new' },
    ];
    const cells = ['c1', 'Prgue', 'changed since'];
    expect(applyEdits(cells, edits, (column, found) => skipped.push([column, found]))).toEqual([
      'c1',
      'Prague',
      'changed since',
    ]);
    expect(skipped).toEqual([[2, 'changed since']]);
    expect(cells[1]).toBe('Prgue');
  });
});

describe('cleanup steps in the mapping', () => {
  // The Czech customers file of issue 16: "ano/ne" and decimal commas made every row a reject.
  const columns = [idCol('registered'), col('vip', { type: 'boolean' }), col('credit', { type: 'number' })];
  const rows = [
    ['c1', 'ano', '2995,74'],
    ['c2', 'ne', '10,5'],
    ['c3', 'ano', '7'],
  ];

  it('turns the rejected Czech rows into imported ones, and a row mapper applies the edits by row number', () => {
    const before = createRowMapper(mappingOf('customers', columns));
    expect(rows.map((row, i) => before(row, i + 2).ok)).toEqual([false, false, false]);
    const mapping = {
      ...mappingOf('customers', columns, { decimalSeparator: ',' as const }),
      cleanup: [
        {
          kind: 'map-values' as const,
          column: 'vip',
          pairs: [
            ['ano', 'true'],
            ['ne', 'false'],
          ] as [string, string][],
          caseSensitive: false,
        },
        { kind: 'edit-cells' as const, edits: [{ row: 4, column: 'credit', old: '7', value: '7,25' }] },
      ],
    };
    const after = createRowMapper(mapping);
    const records = rows.map((row, i) => after(row, i + 2));
    expect(records.map((outcome) => outcome.ok)).toEqual([true, true, true]);
    const values = records.map((outcome) =>
      outcome.ok ? outcome.record.attributes.map((attribute) => attribute.value) : null,
    );
    expect(values).toEqual([
      [true, 2995.74],
      [false, 10.5],
      [true, 7.25],
    ]);
  });

  it('gives a column a new check key when its steps or edits change, and no other column one', () => {
    const base = mappingOf('customers', columns);
    const withStep = { ...base, cleanup: [{ kind: 'case' as const, column: 'vip', to: 'lower' as const }] };
    const key = (mapping: typeof base, index: number) =>
      checkKey(index, columnCheckOf(mapping, mapping.columns[index]!)!);
    expect(key(withStep, 1)).not.toBe(key(base, 1));
    expect(key(withStep, 2)).toBe(key(base, 2));
  });
});
