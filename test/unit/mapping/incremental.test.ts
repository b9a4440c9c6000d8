import { describe, expect, it } from 'vitest';
import {
  incrementalProblem,
  incrementalTimeField,
  missingTimeFieldReason,
  newerOf,
} from '../../../src-shared/mapping/incremental';
import { createRowMapper } from '../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { VALID, idCol, mappingOf, roleCol } from './fixtures';

// Incremental sync's rules over a mapping: which column is the time field, when it may be on, and
// the row an empty time field rejects (with the seed's advice, naming the column).

const incremental = (mapping: ImportMapping): ImportMapping => ({
  ...mapping,
  options: { ...mapping.options, incremental: true },
});

describe('incremental sync in the mapping', () => {
  it("finds each import type's time field, only when incremental is on", () => {
    expect(incrementalTimeField(VALID.events())).toBeNull();
    expect(incrementalTimeField(incremental(VALID.events()))).toMatchObject({
      role: 'timestamp',
      index: 1,
      source: 'ts',
    });
    expect(incrementalTimeField(incremental(VALID.group()))).toMatchObject({
      role: 'cursor',
      source: 'cursor',
    });
    const customers = mappingOf('customers', [idCol('registered'), roleCol('changed', 'update_timestamp')], {
      incremental: true,
    });
    expect(incrementalTimeField(customers)).toMatchObject({ role: 'update_timestamp', index: 1 });
    expect(incrementalTimeField(incremental(VALID.catalog()))).toBeNull();
  });

  it('says why it cannot be on: the import type, the source, the missing time column', () => {
    expect(incrementalProblem(VALID.events(), 'sql')).toBeNull();
    expect(incrementalProblem(VALID.events(), 'storage')).toBeNull();
    expect(incrementalProblem(VALID.events(), 'file')).toMatch(
      /database query or files in storage.*file source/,
    );
    expect(incrementalProblem(VALID.catalog(), 'sql')).toMatch(/Catalog imports have no time field/);
    expect(incrementalProblem(VALID.identity(), 'sql')).toMatch(/no column is tagged Timestamp/);
    expect(incrementalProblem(mappingOf('customers', [idCol('registered')]), 'sql')).toMatch(
      /no column is tagged Update timestamp/,
    );
  });

  it('rejects a row without its time field with the seed advice, where it was optional too', () => {
    const identity = incremental(
      mappingOf('identity', [
        roleCol('email', 'match_key', { idType: 'email_id', trim: true }),
        roleCol('cookie', 'identifier', { idType: 'cookie', trim: true }),
        roleCol('linked_at', 'timestamp'),
      ]),
    );
    const map = createRowMapper(identity);
    expect(map(['a@example.com', 'c1', ''], 2)).toEqual({
      ok: false,
      reject: {
        rowNumber: 2,
        column: 'linked_at',
        value: '',
        reason: missingTimeFieldReason('linked_at'),
        cells: ['a@example.com', 'c1', ''],
      },
    });
    expect(missingTimeFieldReason('linked_at')).toMatch(
      /"linked_at".*set it once when the row is created and never update it/,
    );
    // Without incremental sync the identity link's timestamp stays optional.
    expect(
      createRowMapper({ ...identity, options: { ...identity.options, incremental: false } })(
        ['a@example.com', 'c1', ''],
        2,
      ).ok,
    ).toBe(true);
    // Events already required a timestamp: the incremental reason replaces the plain one.
    const events = createRowMapper(incremental(VALID.events()));
    expect(events(['u1', '', '3'], 5)).toMatchObject({ ok: false, reject: { column: 'ts' } });
    expect(events(['u1', '', '3'], 5)).toMatchObject({ reject: { reason: missingTimeFieldReason('ts') } });
    // A customer ID problem still comes first: it is the more fundamental one.
    expect(events(['', '', '3'], 5)).toMatchObject({ reject: { reason: 'No valid customer ID' } });
  });

  it('keeps the newest time and counts the rows that share it', () => {
    const a = { iso: '2026-01-01T00:00:00.000001Z', rows: 2 };
    const b = { iso: '2026-01-01T00:00:00.000000Z', rows: 5 };
    expect(newerOf(a, b)).toEqual(a);
    expect(newerOf(b, a)).toEqual(a);
    expect(newerOf(a, { ...a, rows: 1 })).toEqual({ iso: a.iso, rows: 3 });
    expect(newerOf(null, b)).toEqual(b);
    expect(newerOf(null, null)).toBeNull();
  });
});
