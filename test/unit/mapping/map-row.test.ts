import { describe, expect, it } from 'vitest';
import { createRowMapper } from '../../../src-shared/mapping/map-row';
import { col, idCol, mappingOf, roleCol } from './fixtures';

describe('createRowMapper', () => {
  const events = mappingOf(
    'events',
    [
      idCol('registered'),
      idCol('cookie', 'cookie', { lowercase: true }),
      roleCol('ts', 'timestamp'),
      col('price', { type: 'number' }),
      col('tags', { type: 'list' }),
      col('note', { include: false }),
    ],
    { eventType: 'purchase', timeZone: 'Europe/Prague' },
    [{ name: 'source', value: 'Import_x', type: 'text' }],
  );
  const map = createRowMapper(events);

  it('maps IDs (trimmed, lowercased when asked), the timestamp in the import zone, attributes and statics', () => {
    const outcome = map([' u-1 ', ' ABC ', '2024-03-31 10:00:00', '12.5', '["a","b"]', 'dropped'], 2);
    expect(outcome).toEqual({
      ok: true,
      record: expect.objectContaining({
        rowNumber: 2,
        ids: [
          { idType: 'registered', value: 'u-1' },
          { idType: 'cookie', value: 'abc' },
        ],
        timestamp: { epochSeconds: 1711872000, iso: '2024-03-31T08:00:00.000000Z' },
        attributes: [
          { name: 'price', type: 'number', value: 12.5 },
          { name: 'tags', type: 'list', value: ['a', 'b'] },
          { name: 'source', type: 'text', value: 'Import_x' },
        ],
      }),
    });
  });

  it('keeps a blank attribute as null (a blank overwrites) and leaves out an over-long second ID', () => {
    const outcome = map(['u-1', 'x'.repeat(257), '1474886373', '', '', ''], 3);
    expect(outcome.ok && outcome.record.ids).toEqual([{ idType: 'registered', value: 'u-1' }]);
    expect(outcome.ok && outcome.record.attributes.slice(0, 2)).toEqual([
      { name: 'price', type: 'number', value: null },
      { name: 'tags', type: 'list', value: null },
    ]);
  });

  it('rejects with the row, the column, the raw value, the same reason the summary counts, and the whole row', () => {
    const rows = [
      ['', '  ', '1474886373', '1', '[]', ''],
      ['u-1', '', '1474886373000', '1', '[]', ''],
      ['u-1', '', '1474886373', 'twelve', '[]', ''],
    ];
    expect(map(rows[0]!, 7)).toEqual({
      ok: false,
      reject: {
        rowNumber: 7,
        column: 'registered',
        value: '',
        reason: 'No valid customer ID',
        cells: rows[0],
      },
    });
    expect(map(rows[1]!, 8)).toEqual({
      ok: false,
      reject: {
        rowNumber: 8,
        column: 'ts',
        value: '1474886373000',
        reason: 'Unparsable timestamp in "ts"',
        cells: rows[1],
      },
    });
    expect(map(rows[2]!, 9)).toEqual({
      ok: false,
      reject: {
        rowNumber: 9,
        column: 'price',
        value: 'twelve',
        reason: 'Malformed number in "price"',
        cells: rows[2],
      },
    });
  });

  it('fills the keys of catalogs, groups and vouchers', () => {
    const catalog = createRowMapper(
      mappingOf('catalog', [roleCol('item_id', 'item_id'), col('title')], { catalogName: 'products' }),
    );
    const item = catalog([' sku/1 ', 'Ring'], 2);
    expect(item.ok && [item.record.itemId, item.record.attributes]).toEqual([
      'sku/1',
      [
        { name: 'item_id', type: 'text', value: 'sku/1' },
        { name: 'title', type: 'text', value: 'Ring' },
      ],
    ]);
    const group = createRowMapper(
      mappingOf('group', [
        idCol('user'),
        roleCol('group_id', 'group_id'),
        roleCol('cursor', 'cursor'),
        roleCol('is_deleted', 'is_deleted'),
      ]),
    );
    const member = group(['u-1', ' household-9 ', '2024-01-02', 'TRUE'], 2);
    expect(
      member.ok && [member.record.groupId, member.record.isDeleted, member.record.timestamp?.iso],
    ).toEqual(['household-9', true, '2024-01-02T00:00:00.000000Z']);
    const vouchers = createRowMapper(
      mappingOf('vouchers', [roleCol('code', 'voucher_code')], { poolName: 'spring' }),
    );
    const code = vouchers(['  SPRING-10 '], 2);
    expect(code.ok && code.record.voucherCode).toBe('SPRING-10');
  });

  it('with idsOnly, rejects exactly the rows the full mapping rejects, for the same reasons, and keeps their IDs', () => {
    const idsOnly = createRowMapper(events, { idsOnly: true });
    const rows: string[][] = [
      [' u-1 ', ' ABC ', '2024-03-31 10:00:00', '12.5', '["a","b"]', 'x'],
      ['', '', '2024-03-31 10:00:00', '1', '[]', ''], // no ID
      ['u-2', '', 'not a time', '1', '[]', ''], // timestamp
      ['u-3', 'k', '2024-03-31 10:00:00', 'twelve', '[]', ''], // an imported column's value
      ['u-4', 'k', '2024-03-31 10:00:00', '3', '[broken', ''], // a list that does not parse
      ['u-5', '', '2024-03-31 10:00:00'], // ragged
    ];
    rows.forEach((cells, index) => {
      const full = map(cells, index + 2);
      const light = idsOnly(cells, index + 2);
      expect(light.ok).toBe(full.ok);
      if (full.ok && light.ok) {
        expect(light.record.ids).toEqual(full.record.ids);
        // Nothing the preview does not need: no attributes, no statics.
        expect(light.record.attributes).toEqual([]);
      } else if (!full.ok && !light.ok) expect(light.reject).toEqual(full.reject);
    });
    expect(rows.map((cells, index) => map(cells, index + 2).ok)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
