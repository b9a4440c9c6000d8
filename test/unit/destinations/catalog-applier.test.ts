import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CatalogApplier } from '../../../src-main/services/destinations/workspace/catalog-applier';
import { readCatalog } from '../../../src-main/services/destinations/workspace/catalog-definition';
import type { ImportOptions } from '../../../src-shared/model/mapping';
import { col, mappingOf, roleCol } from '../mapping/fixtures';
import { applyIn, counts, DAY, recordsOf, rows, snapshot, T0, useWorkspace, NO_IMPORT } from './support';

const productMapping = (options: Partial<ImportOptions> = {}) =>
  mappingOf(
    'catalog',
    [
      roleCol('item_id', 'item_id'),
      roleCol('product_id', 'product_id'),
      col('title', { searchable: true }),
      col('price', { type: 'number' }),
      col('color'),
    ],
    { catalogName: 'products', catalogKind: 'product', ...options },
  );

const items = (db: Database) =>
  rows(db, 'SELECT catalog, item_id, product_id, attributes, updated_at FROM catalog_items ORDER BY item_id');

describe('CatalogApplier', () => {
  const open = useWorkspace();

  it('creates the catalog at its first import with the kind and searchable fields asked for', () => {
    const db = open();
    const mapping = productMapping();
    const result = applyIn(
      db,
      new CatalogApplier(db, mapping, NO_IMPORT),
      recordsOf(mapping, [
        ['sku-1', 'p1', 'Shirt', '10', 'red'],
        ['sku-2', 'p1', 'Shirt', '10', 'blue'],
      ]),
    );
    expect(result).toEqual(counts(2, 0, 0));
    expect(readCatalog(db, 'products')).toEqual({ name: 'products', kind: 'product', searchable: ['title'] });
    expect(items(db)).toEqual([
      {
        catalog: 'products',
        item_id: 'sku-1',
        product_id: 'p1',
        attributes: '{"item_id":"sku-1","product_id":"p1","title":"Shirt","price":10,"color":"red"}',
        updated_at: '2026-01-15T12:00:00.000Z',
      },
      {
        catalog: 'products',
        item_id: 'sku-2',
        product_id: 'p1',
        attributes: '{"item_id":"sku-2","product_id":"p1","title":"Shirt","price":10,"color":"blue"}',
        updated_at: '2026-01-15T12:00:00.000Z',
      },
    ]);
    expect(
      rows(
        db,
        "SELECT name FROM attributes WHERE import_type = 'catalog' AND scope = 'products' ORDER BY name",
      ),
    ).toEqual([
      { name: 'color' },
      { name: 'item_id' },
      { name: 'price' },
      { name: 'product_id' },
      { name: 'title' },
    ]);
  });

  it('applies rows in order: the last occurrence of an item_id wins', () => {
    const db = open();
    const mapping = productMapping();
    const result = applyIn(
      db,
      new CatalogApplier(db, mapping, NO_IMPORT),
      recordsOf(mapping, [
        ['sku-1', 'p1', 'First', '1', 'red'],
        ['sku-1', 'p2', 'Second', '2', 'green'],
        ['sku-1', 'p3', 'Last', '', ''],
      ]),
    );
    expect(result).toEqual(counts(1, 2, 0));
    expect(items(db)).toEqual([
      expect.objectContaining({
        product_id: 'p3',
        attributes: '{"item_id":"sku-1","product_id":"p3","title":"Last","price":null,"color":null}',
      }),
    ]);
  });

  it("replaces an existing item's attributes rather than merging them", () => {
    const db = open();
    const full = productMapping();
    applyIn(
      db,
      new CatalogApplier(db, full, NO_IMPORT),
      recordsOf(full, [['sku-1', 'p1', 'Shirt', '10', 'red']]),
    );
    const narrow = mappingOf('catalog', [roleCol('item_id', 'item_id'), col('title', { searchable: true })], {
      catalogName: 'products',
      catalogKind: 'product',
    });
    const result = applyIn(
      db,
      new CatalogApplier(db, narrow, NO_IMPORT),
      recordsOf(narrow, [['sku-1', 'Shirt v2']]),
      T0 + DAY,
    );
    expect(result).toEqual(counts(0, 1, 0));
    expect(items(db)).toEqual([
      {
        catalog: 'products',
        item_id: 'sku-1',
        product_id: null,
        attributes: '{"item_id":"sku-1","title":"Shirt v2"}',
        updated_at: '2026-01-16T12:00:00.000Z',
      },
    ]);
  });

  it('keeps the kind and searchable fields of the first import and warns when asked otherwise', () => {
    const db = open();
    const first = productMapping();
    applyIn(
      db,
      new CatalogApplier(db, first, NO_IMPORT),
      recordsOf(first, [['sku-1', 'p1', 'Shirt', '10', 'red']]),
    );
    const same = new CatalogApplier(db, productMapping(), NO_IMPORT);
    expect(applyIn(db, same, recordsOf(first, [['sku-2', 'p2', 'Hat', '5', 'red']])).warnings).toEqual([]);

    const other = mappingOf(
      'catalog',
      [
        roleCol('item_id', 'item_id'),
        col('title', { searchable: true }),
        col('brand', { searchable: true }),
        col('price', { type: 'number' }),
      ],
      { catalogName: 'products', catalogKind: 'general' },
    );
    const applier = new CatalogApplier(db, other, NO_IMPORT);
    const result = applyIn(db, applier, recordsOf(other, [['sku-3', 'Sock', 'Acme', '1']]));
    expect(result.warnings).toEqual([
      'Catalog "products" keeps what its first import chose: kind product (not general); searchable fields title (not title, brand).',
    ]);
    expect(result.imported).toBe(1);
    // Said once per run, not once per batch.
    expect(applyIn(db, applier, recordsOf(other, [['sku-4', 'Cap', 'Acme', '2']])).warnings).toEqual([]);
    expect(readCatalog(db, 'products')).toEqual({ name: 'products', kind: 'product', searchable: ['title'] });
  });

  it('leaves no catalog behind when the first import is rolled back', () => {
    const db = open();
    const mapping = productMapping();
    const applier = new CatalogApplier(db, mapping, NO_IMPORT);
    const records = recordsOf(mapping, [['sku-1', 'p1', 'Shirt', '10', 'red']]);
    expect(() =>
      db.transaction(() => {
        applier.apply(records, T0);
        throw new Error('cancelled');
      })(),
    ).toThrow('cancelled');
    expect(readCatalog(db, 'products')).toBeNull();
    expect(items(db)).toEqual([]);
  });

  it('keeps catalogs apart: the same item_id in two catalogs is two items', () => {
    const db = open();
    const a = productMapping();
    const b = productMapping({ catalogName: 'outlet', catalogKind: 'general' });
    applyIn(db, new CatalogApplier(db, a, NO_IMPORT), recordsOf(a, [['sku-1', 'p1', 'Shirt', '10', 'red']]));
    expect(
      applyIn(db, new CatalogApplier(db, b, NO_IMPORT), recordsOf(b, [['sku-1', 'p1', 'Shirt', '5', 'red']])),
    ).toEqual(counts(1, 0, 0));
    expect(rows(db, 'SELECT name, kind FROM catalogs ORDER BY name')).toEqual([
      { name: 'outlet', kind: 'general' },
      { name: 'products', kind: 'product' },
    ]);
  });

  it('reaches the identical final state when the same batch is applied twice', () => {
    const db = open();
    const mapping = productMapping();
    const applier = new CatalogApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [
      ['sku-1', 'p1', 'Shirt', '10', 'red'],
      ['sku-2', 'p1', 'Shirt', '10', 'blue'],
      ['sku-1', 'p1', 'Shirt', '12', 'red'],
    ]);
    const tables = ['catalogs', 'catalog_items'];
    expect(applyIn(db, applier, batch)).toEqual(counts(2, 1, 0));
    const once = snapshot(db, tables);
    expect(applyIn(db, applier, batch)).toEqual(counts(0, 3, 0));
    expect(snapshot(db, tables)).toEqual(once);
  });
});
