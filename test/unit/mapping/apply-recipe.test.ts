import { describe, expect, it } from 'vitest';
import { applyRecipe } from '../../../src-shared/mapping/apply-recipe';
import type { ColumnMapping } from '../../../src-shared/model/mapping';
import { col, idCol, mappingOf, roleCol } from './fixtures';

/** A saved events mapping: registered (ID), ts (timestamp), price (number), a static column. */
const recipe = () =>
  mappingOf(
    'events',
    [
      idCol('registered', 'registered', { lowercase: true }),
      roleCol('ts', 'timestamp', { timeZone: 'Europe/Prague' }),
      col('price', { type: 'number', target: 'amount' }),
    ],
    { eventType: 'purchase', decimalSeparator: ',' },
    [{ name: 'source', value: 'Import_shop', type: 'text' }],
  );

/** The mapping a freshly dropped file starts with: every column included as text. */
const fresh = (...names: string[]) =>
  mappingOf(
    'customers',
    names.map((name) => col(name)),
  );

const byName = (columns: ColumnMapping[]) =>
  Object.fromEntries(columns.map((column) => [column.source, column]));

describe('applyRecipe', () => {
  it("applies a recipe to a file with the recipe's header", () => {
    const { mapping, missing, unmapped } = applyRecipe(fresh('registered', 'ts', 'price'), recipe());
    expect(mapping).toEqual(recipe());
    expect(missing).toEqual([]);
    expect(unmapped).toEqual([]);
  });

  it("takes the recipe's import type, options and static columns", () => {
    const { mapping } = applyRecipe(fresh('registered'), recipe());
    expect(mapping.importType).toBe('events');
    expect(mapping.options).toEqual(recipe().options);
    expect(mapping.statics).toEqual(recipe().statics);
  });

  it('matches columns by name when they moved, keeping the file order', () => {
    const { mapping, unmapped, missing } = applyRecipe(fresh('price', 'registered', 'ts'), recipe());
    expect(mapping.columns.map((column) => column.source)).toEqual(['price', 'registered', 'ts']);
    expect(mapping.columns).toEqual([recipe().columns[2], recipe().columns[0], recipe().columns[1]]);
    expect(unmapped).toEqual([]);
    expect(missing).toEqual([]);
  });

  it("matches names without case and surrounding spaces, keeping the file's spelling", () => {
    const { mapping, unmapped } = applyRecipe(fresh(' Registered', 'TS', 'Price '), recipe());
    const columns = byName(mapping.columns);
    expect(unmapped).toEqual([]);
    expect(columns[' Registered']).toEqual({ ...recipe().columns[0], source: ' Registered' });
    expect(columns['TS']).toMatchObject({ role: 'timestamp', timeZone: 'Europe/Prague' });
    expect(columns['Price ']).toMatchObject({ target: 'amount', type: 'number' });
  });

  it('lists recipe columns the file lacks as missing', () => {
    const { mapping, missing } = applyRecipe(fresh('registered', 'price'), recipe());
    expect(missing).toEqual(['ts']);
    expect(mapping.columns.map((column) => column.role)).toEqual(['id', null]);
  });

  it('lists file columns the recipe does not know as unmapped, keeping their current mapping', () => {
    const current = fresh('registered', 'coupon', 'ts', 'price');
    const { mapping, unmapped } = applyRecipe(current, recipe());
    expect(unmapped).toEqual(['coupon']);
    expect(mapping.columns[1]).toBe(current.columns[1]);
  });

  it('does not match names that differ inside', () => {
    const { missing, unmapped } = applyRecipe(fresh('regis tered', 'ts', 'price'), recipe());
    expect(missing).toEqual(['registered']);
    expect(unmapped).toEqual(['regis tered']);
  });

  it('applies a recipe column to the first of two same-named file columns only', () => {
    const current = fresh('price', 'PRICE');
    const { mapping, unmapped, missing } = applyRecipe(current, recipe());
    expect(mapping.columns[0]).toMatchObject({ target: 'amount', type: 'number' });
    expect(mapping.columns[1]).toBe(current.columns[1]);
    expect(unmapped).toEqual(['PRICE']);
    expect(missing).toEqual(['registered', 'ts']);
  });

  it('reports everything missing for a file with no common column', () => {
    const { mapping, missing, unmapped } = applyRecipe(fresh('a', 'b'), recipe());
    expect(missing).toEqual(['registered', 'ts', 'price']);
    expect(unmapped).toEqual(['a', 'b']);
    expect(mapping.columns).toEqual(fresh('a', 'b').columns);
  });

  it('leaves its inputs untouched', () => {
    const current = fresh('TS', 'registered');
    const saved = recipe();
    const before = structuredClone([current, saved]);
    applyRecipe(current, saved);
    expect([current, saved]).toEqual(before);
  });
});
