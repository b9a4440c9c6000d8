import { describe, expect, it } from 'vitest';
import type { MappedValue } from '../../../src-shared/mapping/map-row';
import { timeValue } from '../../../src-shared/values/civil-time';
import { EventAttributesEncoder } from '../../../src-main/services/destinations/workspace/event-attributes';
import {
  attributesText,
  eventDedupKey,
  sortedPlainAttributes,
  valueJson,
} from '../../../src-main/services/destinations/workspace/event-dedup-key';
import { plainValue } from '../../../src-main/services/destinations/workspace/stored-value';

const at = timeValue(1_709_287_200, 123_456)!;

/** Attributes of every value type, in column order (not sorted by name). */
const row = (overrides: Partial<Record<string, MappedValue['value']>> = {}): MappedValue[] => [
  { name: 'price', type: 'number', value: overrides.price ?? 12.5 },
  { name: 'code', type: 'text', value: overrides.code ?? 'A-1 "quoted"' },
  { name: 'paid', type: 'boolean', value: true },
  { name: 'when', type: 'datetime', value: at },
  { name: 'day', type: 'date', value: { ...at, date: '2024-03-01' } },
  { name: 'tags', type: 'list', value: ['b', 'a'] },
  { name: 'meta', type: 'json', value: overrides.meta ?? { z: 1, a: { y: 2, b: [3, { d: 4, c: 5 }] } } },
  { name: 'note', type: 'text', value: null },
  { name: 'Zeta', type: 'number', value: -0 },
];

describe('EventAttributesEncoder', () => {
  it('writes the values as an array in the order of their types set, names sorted, JSON objects canonical, blanks as null', () => {
    const text = new EventAttributesEncoder().encode(row());
    expect(text.values).toBe(
      '[0,"A-1 \\"quoted\\"","2024-03-01",{"a":{"b":[3,{"c":5,"d":4}],"y":2},"z":1},' +
        'null,true,12.5,["b","a"],"2024-03-01T10:00:00.123456Z"]',
    );
    expect(text.types).toBe(
      '[["Zeta","number"],["code","text"],["day","date"],["meta","json"],["note","text"],' +
        '["paid","boolean"],["price","number"],["tags","list"],["when","datetime"]]',
    );
  });

  it('gives each value the text the push key hashes (attributesText of the sorted plain values), row after row', () => {
    const encoder = new EventAttributesEncoder();
    for (const price of [1, 2.25, 1e21]) {
      const attributes = row({ price });
      const text = encoder.encode(attributes);
      const names = (JSON.parse(text.types) as [string, string][]).map(([name]) => name);
      const values = JSON.parse(text.values) as never[];
      const sorted = names.map((name, at) => ({
        name,
        type: attributes.find((a) => a.name === name)!.type,
        value: values[at]!,
      }));
      const object = attributesText(sorted).values;
      // The object text with its names taken out is the array text: the same value texts.
      expect(
        `[${names.reduce((rest, name) => rest.replace(`${JSON.stringify(name)}:`, ''), object.slice(1, -1))}]`,
      ).toBe(text.values);
    }
  });

  it('writes a row without JSON attributes (one JSON.stringify of the array) as the canonical text of each value', () => {
    const encoder = new EventAttributesEncoder();
    const tricky: MappedValue['value'][] = [
      1e21,
      -0,
      0.1 + 0.2,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      5e-324,
      -12,
      'quote " backslash \\ tab \t nl \n nul \u0000 del \u007f',
      'lone \ud800 surrogate',
      'pair 😀',
      'line sep \u2028 para \u2029',
      'Dvořák',
      '',
      null,
      true,
      false,
    ];
    for (const value of tricky) {
      const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
      const attributes: MappedValue[] = [
        { name: 'v', type, value },
        { name: 'day', type: 'date', value: { ...at, date: '2024-03-01' } },
        { name: 'when', type: 'datetime', value: at },
        { name: 'tags', type: 'list', value: ['x "y"', 'z\u0001'] },
      ];
      const expected = `[${['day', 'tags', 'v', 'when']
        .map((name) => attributes.find((a) => a.name === name)!)
        .map(({ type, value }) => valueJson(type, plainValue(type, value)))
        .join(',')}]`;
      expect(encoder.encode(attributes).values).toBe(expected);
    }
  });

  it('sorts names by code unit, "10" before "9", not as JavaScript orders an object\'s keys', () => {
    const text = new EventAttributesEncoder().encode([
      { name: '9', type: 'number', value: 9 },
      { name: '10', type: 'number', value: 10 },
      { name: 'a', type: 'number', value: 1 },
    ]);
    expect(text).toEqual({ values: '[10,9,1]', types: '[["10","number"],["9","number"],["a","number"]]' });
  });

  it('follows a change of shape (other names or types) instead of reusing the first order', () => {
    const encoder = new EventAttributesEncoder();
    encoder.encode(row());
    const other: MappedValue[] = [
      { name: 'b', type: 'text', value: '1' },
      { name: 'a', type: 'number', value: 1 },
    ];
    expect(encoder.encode(other)).toEqual({ values: '[1,"1"]', types: '[["a","number"],["b","text"]]' });
  });
});

describe('eventDedupKey (pushes)', () => {
  it('keys events apart by type, timestamp, value and value type, and equal events alike', () => {
    const key = (eventType: string, iso: string, attributes: MappedValue[]) =>
      eventDedupKey(eventType, iso, attributesText(sortedPlainAttributes(attributes)));
    const base = key('purchase', at.iso, row());
    expect(key('purchase', at.iso, [...row()].reverse())).toBe(base);
    expect(key('purchase', at.iso, row({ meta: { a: { b: [3, { c: 5, d: 4 }], y: 2 }, z: 1 } }))).toBe(base);
    const different = [
      key('view', at.iso, row()),
      key('purchase', '2024-03-01T10:00:00.123457Z', row()),
      key('purchase', at.iso, row({ price: 12.51 })),
      key('purchase', at.iso, [{ name: 'qty', type: 'text', value: '1' }]),
      key('purchase', at.iso, [{ name: 'qty', type: 'number', value: 1 }]),
    ];
    expect(new Set([base, ...different]).size).toBe(6);
    expect(Number.isSafeInteger(base) && base >= 0 && base < 2 ** 48).toBe(true);
  });
});
