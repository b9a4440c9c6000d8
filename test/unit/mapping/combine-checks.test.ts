import { describe, expect, it } from 'vitest';
import {
  bitIndexes,
  countBits,
  createBitset,
  setBit,
  type Bitset,
} from '../../../src-main/services/mapping/bitset';
import type { ColumnCheckResult } from '../../../src-main/services/mapping/check-columns';
import { combineChecks } from '../../../src-main/services/mapping/combine-checks';
import { CELL, checkCell, columnCheckOf, type CellOutcome } from '../../../src-shared/mapping/column-check';
import { rejectionOf, rowRulesOf, type RowRule } from '../../../src-shared/mapping/row-rules';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { RejectionReason } from '../../../src-shared/model/validation';
import { col, idCol, mappingOf, roleCol } from './fixtures';
import { seededRandom as random } from '../../support/seeded-random';

const LONG_ID = '€'.repeat(86); // 258 bytes
const LONG_CATALOG = 'x'.repeat(28_673);

/** Per column, the raw values rows pick from (repeats make a value more likely). */
interface Scenario {
  name: string;
  mapping: ImportMapping;
  values: string[][];
  rowCount: number;
  seed: number;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'events with two ID columns',
    mapping: mappingOf(
      'events',
      [
        idCol('registered'),
        idCol('cookie'),
        roleCol('ts', 'timestamp'),
        col('price', { type: 'number' }),
        col('notes', { type: 'list', include: false }),
      ],
      { eventType: 'purchase' },
    ),
    values: [
      ['u-1', 'u-2', 'u-3', '', '', ' ', 'a'.repeat(257)],
      ['c-1', '', '', LONG_ID, '  c-2 '],
      ['2025-04-03T10:00:00Z', '2025-04-03', '1700000000', '', '2020-13-45', '1700000000000'],
      ['9.99', '10', '', 'ten', '1,5'],
      ['a,b', '["a"]', ''],
    ],
    rowCount: 2003,
    seed: 1,
  },
  {
    name: 'group memberships',
    mapping: mappingOf('group', [
      idCol('registered'),
      roleCol('group_id', 'group_id'),
      roleCol('cursor', 'cursor'),
      roleCol('is_deleted', 'is_deleted'),
    ]),
    values: [
      ['u-1', 'u-2', 'u-3', 'u-4', ''],
      ['g-1', 'g-2', 'g-3', ''],
      ['2025-04-03T10:00:00Z', '2025-04-03T10:00:00Z', '', 'later'],
      ['', '', 'true', '0', 'yes'],
    ],
    rowCount: 1999,
    seed: 2,
  },
  {
    name: 'a catalog with warnings and values over the limit',
    mapping: mappingOf(
      'catalog',
      [
        roleCol('item_id', 'item_id'),
        col('title'),
        col('tags', { type: 'list' }),
        col('raw', { include: false }),
      ],
      { catalogName: 'products' },
    ),
    values: [
      ['sku-1', 'sku-2', 'shoes/42', '', LONG_CATALOG],
      ['Shoes', 'Hat', '', LONG_CATALOG],
      ['["a","b"]', '', 'a,b', '[1,2]'],
      [LONG_CATALOG, 'x'],
    ],
    rowCount: 2017,
    seed: 3,
  },
  {
    name: 'identity links',
    mapping: mappingOf('identity', [
      roleCol('email', 'match_key', { idType: 'email_id', trim: true }),
      roleCol('cookie', 'identifier', { idType: 'cookie', trim: true }),
      roleCol('linked_at', 'timestamp'),
    ]),
    values: [
      ['a@example.com', 'b@example.com', '', LONG_ID],
      ['c-1', 'c-2', ' ', ''],
      ['', '2025-04-03', 'x'],
    ],
    rowCount: 2001,
    seed: 4,
  },
];

function datasetOf(scenario: Scenario): string[][] {
  const next = random(scenario.seed);
  return Array.from({ length: scenario.rowCount }, () =>
    scenario.values.map((choices) => choices[Math.floor(next() * choices.length)]!),
  );
}

/** What the worker computes per column: a bitset per outcome (dropped columns are unchecked). */
function checkDataset(mapping: ImportMapping, rows: readonly string[][]): Map<number, ColumnCheckResult> {
  const results = new Map<number, ColumnCheckResult>();
  mapping.columns.forEach((column, index) => {
    const check = columnCheckOf(mapping, column);
    const result: ColumnCheckResult = {
      index,
      key: String(index),
      checked: check !== null,
      empty: createBitset(rows.length),
      invalid: createBitset(rows.length),
      tooLong: createBitset(rows.length),
      warning: createBitset(rows.length),
      counts: { empty: 0, invalid: 0, tooLong: 0, warning: 0 },
      examples: [],
      warningExamples: [],
      profile: { rows: 0, filled: 0, distinct: 0, distinctCapped: false, top: [], histogram: null },
    };
    if (check) {
      rows.forEach((row, r) => {
        const outcome = checkCell(check, row[index] ?? '');
        const target: Record<number, Bitset | undefined> = {
          [CELL.empty]: result.empty,
          [CELL.invalid]: result.invalid,
          [CELL.tooLong]: result.tooLong,
          [CELL.warning]: result.warning,
        };
        const bits = target[outcome];
        if (bits) setBit(bits, r);
      });
    }
    results.set(index, result);
  });
  return results;
}

/** The straightforward answer: every row through rejectionOf. */
function rowByRow(mapping: ImportMapping, rows: readonly string[][], firstRowNumber: number) {
  const rules = rowRulesOf(mapping);
  const checks = mapping.columns.map((column) => columnCheckOf(mapping, column));
  const rejected: number[] = [];
  const problems: number[] = [];
  const byReason = new Map<string, { order: number; count: number; rowNumbers: number[] }>();
  rows.forEach((row, r) => {
    const outcomes: (CellOutcome | undefined)[] = checks.map((check, c) =>
      check ? checkCell(check, row[c] ?? '') : undefined,
    );
    const rule = rejectionOf(rules, outcomes);
    const flawed = outcomes.some((o) => o === CELL.invalid || o === CELL.tooLong || o === CELL.warning);
    if (rule || flawed) problems.push(r);
    if (!rule) return;
    rejected.push(r);
    const entry = byReason.get(rule.reason) ?? { order: rules.indexOf(rule), count: 0, rowNumbers: [] };
    entry.count++;
    if (entry.rowNumbers.length < 5) entry.rowNumbers.push(r + firstRowNumber);
    byReason.set(rule.reason, entry);
  });
  const reasons: RejectionReason[] = [...byReason.entries()]
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([reason, { count, rowNumbers }]) => ({ reason, count, rowNumbers }));
  return { rules, rejected, problems, reasons };
}

/** True when no bit past the last row is set. */
function cleanTail(bits: Bitset, rowCount: number): boolean {
  return bitIndexes(bits).every((index) => index < rowCount);
}

describe('combineChecks agrees with rejectionOf row by row', () => {
  it.each(SCENARIOS)('$name ($rowCount rows)', (scenario) => {
    expect(scenario.rowCount % 32).not.toBe(0);
    const rows = datasetOf(scenario);
    const firstRowNumber = 2;
    const expected = rowByRow(scenario.mapping, rows, firstRowNumber);
    // The dataset must exercise something: some rows import, some are rejected for several reasons.
    expect(expected.rejected.length).toBeGreaterThan(0);
    expect(expected.rejected.length).toBeLessThan(rows.length);
    expect(expected.reasons.length).toBeGreaterThan(1);

    const result = combineChecks(
      expected.rules,
      checkDataset(scenario.mapping, rows),
      rows.length,
      (index) => index + firstRowNumber,
    );
    expect(bitIndexes(result.rejected)).toEqual(expected.rejected);
    expect(countBits(result.rejected)).toBe(expected.rejected.length);
    expect(result.reasons).toEqual(expected.reasons);
    expect(result.reasons.reduce((sum, reason) => sum + reason.count, 0)).toBe(expected.rejected.length);
    expect(bitIndexes(result.problems)).toEqual(expected.problems);
    expect(cleanTail(result.rejected, rows.length)).toBe(true);
    expect(cleanTail(result.problems, rows.length)).toBe(true);
  });

  it.each([1, 2, 3, 4, 5])('agrees on events data of seed %i', (seed) => {
    const scenario = { ...SCENARIOS[0]!, seed, rowCount: 1900 + seed * 37 };
    const rows = datasetOf(scenario);
    const expected = rowByRow(scenario.mapping, rows, 1);
    const result = combineChecks(
      expected.rules,
      checkDataset(scenario.mapping, rows),
      rows.length,
      (index) => index + 1,
    );
    expect(bitIndexes(result.rejected)).toEqual(expected.rejected);
    expect(result.reasons).toEqual(expected.reasons);
    expect(bitIndexes(result.problems)).toEqual(expected.problems);
  });

  it('marks warned rows as problems without rejecting them', async () => {
    const mapping = mappingOf('catalog', [roleCol('item_id', 'item_id'), col('title')], { catalogName: 'p' });
    const rows = [
      ['a/b', 'x'],
      ['a', 'x'],
      ['', 'x'],
    ];
    const result = combineChecks(
      rowRulesOf(mapping),
      checkDataset(mapping, rows),
      rows.length,
      (index) => index + 2,
    );
    expect(bitIndexes(result.rejected)).toEqual([2]);
    expect(bitIndexes(result.problems)).toEqual([0, 2]);
    expect(result.reasons).toEqual([{ reason: 'Missing item_id in "item_id"', count: 1, rowNumbers: [4] }]);
  });

  it('ignores problems in dropped columns', async () => {
    const mapping = mappingOf('customers', [
      idCol('registered'),
      col('tags', { type: 'list', include: false }),
    ]);
    const rows = [
      ['u-1', 'a,b'],
      ['u-2', 'a,b'],
    ];
    const result = combineChecks(
      rowRulesOf(mapping),
      checkDataset(mapping, rows),
      rows.length,
      (index) => index + 2,
    );
    expect(countBits(result.rejected)).toBe(0);
    expect(countBits(result.problems)).toBe(0);
    expect(result.reasons).toEqual([]);
  });
});

describe('combineChecks', () => {
  const empty = (rowCount: number, checked = true): ColumnCheckResult => ({
    index: 0,
    key: '0',
    checked,
    empty: createBitset(rowCount),
    invalid: createBitset(rowCount),
    tooLong: createBitset(rowCount),
    warning: createBitset(rowCount),
    counts: { empty: 0, invalid: 0, tooLong: 0, warning: 0 },
    examples: [],
    warningExamples: [],
    profile: { rows: 0, filled: 0, distinct: 0, distinctCapped: false, top: [], histogram: null },
  });

  it('handles an empty dataset', async () => {
    const rules: RowRule[] = [{ kind: 'noneValid', columns: [0], reason: 'No valid customer ID' }];
    const result = combineChecks(rules, new Map([[0, empty(0)]]), 0, (index) => index + 2);
    expect(result.rejected).toHaveLength(0);
    expect(result.reasons).toEqual([]);
  });

  it.each([1, 31, 33, 95])(
    'rejects all %i rows when no ID column is checked, and no bit past them',
    async (rowCount) => {
      const rules: RowRule[] = [{ kind: 'noneValid', columns: [0, 1], reason: 'No valid customer ID' }];
      const columns = new Map([[0, empty(rowCount, false)]]); // column 1 is not even in the map
      const result = combineChecks(rules, columns, rowCount, (index) => index + 2);
      expect(countBits(result.rejected)).toBe(rowCount);
      expect(cleanTail(result.rejected, rowCount)).toBe(true);
      expect(result.reasons).toEqual([
        { reason: 'No valid customer ID', count: rowCount, rowNumbers: [2, 3, 4, 5, 6].slice(0, rowCount) },
      ]);
    },
  );

  it('leaves rows of a full last word alone', async () => {
    const rules: RowRule[] = [{ kind: 'noneValid', columns: [0], reason: 'r' }];
    const result = combineChecks(rules, new Map([[0, empty(64, false)]]), 64, (index) => index + 1);
    expect(countBits(result.rejected)).toBe(64);
  });

  it('counts each row under its first broken rule only', async () => {
    const column = empty(40);
    for (const row of [0, 1, 35]) setBit(column.empty, row);
    for (const row of [1, 2, 36]) setBit(column.invalid, row);
    const rules: RowRule[] = [
      { kind: 'empty', column: 0, reason: 'empty' },
      { kind: 'invalid', column: 0, reason: 'invalid' },
    ];
    const result = combineChecks(rules, new Map([[0, column]]), 40, (index) => index + 10);
    expect(result.reasons).toEqual([
      { reason: 'empty', count: 3, rowNumbers: [10, 11, 45] },
      { reason: 'invalid', count: 2, rowNumbers: [12, 46] },
    ]);
    expect(bitIndexes(result.rejected)).toEqual([0, 1, 2, 35, 36]);
  });

  it('merges rules with the same reason, keeping the first five row numbers in order', async () => {
    const a = empty(100);
    const b = { ...empty(100), index: 1 };
    for (const row of [50, 60, 70, 80, 90, 95]) setBit(a.empty, row);
    for (const row of [3, 55, 65]) setBit(b.empty, row);
    const rules: RowRule[] = [
      { kind: 'empty', column: 0, reason: 'Missing' },
      { kind: 'empty', column: 1, reason: 'Missing' },
    ];
    const result = combineChecks(
      rules,
      new Map([
        [0, a],
        [1, b],
      ]),
      100,
      (index) => index + 1,
    );
    expect(result.reasons).toEqual([{ reason: 'Missing', count: 9, rowNumbers: [4, 51, 56, 61, 66] }]);
  });

  it('lists at most five example rows per reason', async () => {
    const column = empty(200);
    for (let row = 100; row < 200; row += 3) setBit(column.invalid, row);
    const result = combineChecks(
      [{ kind: 'invalid', column: 0, reason: 'bad' }],
      new Map([[0, column]]),
      200,
      (index) => index + 0,
    );
    expect(result.reasons[0]).toEqual({ reason: 'bad', count: 34, rowNumbers: [100, 103, 106, 109, 112] });
  });

  it('ignores rules on unchecked columns', async () => {
    const column = empty(10, false);
    setBit(column.invalid, 3);
    const result = combineChecks(
      [{ kind: 'invalid', column: 0, reason: 'bad' }],
      new Map([[0, column]]),
      10,
      (index) => index + 1,
    );
    expect(countBits(result.rejected)).toBe(0);
    expect(countBits(result.problems)).toBe(0);
  });

  it('decides rows across the chunks a long pass is sliced into the same as row by row', async () => {
    // 300,001 rows span three chunks of 131,072 rows and a partly used last word.
    const rowCount = 300_001;
    const id = empty(rowCount);
    const other = { ...empty(rowCount), index: 1 };
    const edges = [0, 131_071, 131_072, 131_073, 262_143, 262_144, 299_999, 300_000];
    for (const row of edges) setBit(id.empty, row);
    for (const row of [131_072, 262_144, 300_000]) setBit(other.invalid, row);
    for (const row of [5, 131_071, 200_000]) setBit(other.warning, row);
    const rules: RowRule[] = [
      { kind: 'invalid', column: 1, reason: 'Bad amount' },
      { kind: 'noneValid', columns: [0], reason: 'No valid customer ID' },
    ];
    const result = combineChecks(
      rules,
      new Map([
        [0, id],
        [1, other],
      ]),
      rowCount,
      (index) => index + 2,
      undefined,
      [299_999],
    );
    expect(bitIndexes(result.rejected)).toEqual([0, 131_071, 131_072, 131_073, 262_143, 262_144, 300_000]);
    expect(result.reasons).toEqual([
      { reason: 'Bad amount', count: 3, rowNumbers: [131_074, 262_146, 300_002] },
      { reason: 'No valid customer ID', count: 4, rowNumbers: [2, 131_073, 131_075, 262_145] },
    ]);
    expect(bitIndexes(result.problems)).toEqual([
      0, 5, 131_071, 131_072, 131_073, 200_000, 262_143, 262_144, 300_000,
    ]);
    expect(result.removed).toBe(1);
    expect(cleanTail(result.rejected, rowCount)).toBe(true);
  });

  it('does not change the column bitsets it reads', async () => {
    const column = empty(40);
    setBit(column.empty, 5);
    setBit(column.invalid, 6);
    const before = [Uint32Array.from(column.empty), Uint32Array.from(column.invalid)];
    combineChecks(
      [
        { kind: 'empty', column: 0, reason: 'e' },
        { kind: 'noneValid', columns: [0], reason: 'n' },
      ],
      new Map([[0, column]]),
      40,
      (index) => index + 1,
    );
    expect([column.empty, column.invalid]).toEqual(before);
  });
});
