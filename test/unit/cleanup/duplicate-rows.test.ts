import { describe, expect, it } from 'vitest';
import { duplicateRows } from '../../../src-shared/cleanup/duplicate-rows';
import type { CleanupStep } from '../../../src-shared/model/cleanup';
import { col, idCol, mappingOf } from '../mapping/fixtures';

const rows = [
  ['c1', 'A@x.com ', 'Praha'],
  ['c2', 'b@x.com', 'Brno'],
  ['c3', 'a@x.com', 'Plzeň'],
  ['c4', '', 'Praha'],
  ['c5', '', 'Brno'],
  ['c6', 'b@x.com', 'Brno'],
];
const numbered = () => rows.map((cells, index) => ({ index, rowNumber: index + 2, cells }));
const removedBy = (cleanup: CleanupStep[], trimLower = true) => {
  const mapping = {
    ...mappingOf('customers', [
      idCol('registered'),
      col('email', { trim: trimLower, lowercase: trimLower }),
      col('city'),
    ]),
    cleanup,
  };
  return Array.from(duplicateRows(mapping, rows.length, numbered) ?? []);
};

describe('dedupe steps', () => {
  it('keep the first row of each key, as the values will import (trimmed and lowercased here)', () => {
    expect(removedBy([{ kind: 'dedupe', columns: ['email'], keep: 'first' }])).toEqual([0, 0, 1, 0, 0, 1]);
    // Without the column's transforms "A@x.com " and "a@x.com" are different customers.
    expect(removedBy([{ kind: 'dedupe', columns: ['email'], keep: 'first' }], false)).toEqual([
      0, 0, 0, 0, 0, 1,
    ]);
  });

  it('keep the last row, leave rows blank in every key column, and see only what earlier steps kept', () => {
    expect(removedBy([{ kind: 'dedupe', columns: ['email'], keep: 'last' }])).toEqual([1, 1, 0, 0, 0, 0]);
    expect(
      removedBy([
        { kind: 'dedupe', columns: ['email'], keep: 'first' },
        { kind: 'dedupe', columns: ['city'], keep: 'first' },
      ]),
    ).toEqual([0, 0, 1, 1, 1, 1]);
    expect(removedBy([{ kind: 'dedupe', columns: ['email', 'city'], keep: 'first' }])).toEqual([
      0, 0, 0, 0, 0, 1,
    ]);
  });

  it('is nothing to do without a dedupe step', () => {
    const mapping = mappingOf('customers', [idCol('registered'), col('email'), col('city')]);
    expect(duplicateRows(mapping, rows.length, numbered)).toBeNull();
  });
});
