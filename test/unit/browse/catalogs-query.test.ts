import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listCatalogItems, listCatalogs } from '../../../src-main/services/browse/catalogs-query';
import { CREATED, useBrowseWorkspace } from './support';

function addCatalog(db: Database, name: string, kind: 'general' | 'product', searchable: string[]): void {
  db.prepare('INSERT INTO catalogs (name, kind, searchable, created_at) VALUES (?, ?, ?, ?)').run(
    name,
    kind,
    JSON.stringify(searchable),
    CREATED,
  );
}

function addItem(
  db: Database,
  catalog: string,
  itemId: string,
  productId: string | null,
  attributes: Record<string, unknown> = {},
): void {
  db.prepare(
    'INSERT INTO catalog_items (catalog, item_id, product_id, attributes, updated_at) VALUES (?, ?, ?, ?, ?)',
  ).run(catalog, itemId, productId, JSON.stringify(attributes), CREATED);
}

const items = (catalog: string, search = '', offset = 0, limit = 50) => ({ catalog, search, offset, limit });

describe('listCatalogs', () => {
  const open = useBrowseWorkspace();

  it('lists catalogs by name with kind, searchable fields and item count', () => {
    const { db } = open();
    addCatalog(db, 'shoes', 'product', ['title', 'brand']);
    addCatalog(db, 'articles', 'general', []);
    addItem(db, 'shoes', 'S1', 'P1');
    addItem(db, 'shoes', 'S2', 'P1');
    expect(listCatalogs(db)).toEqual([
      { name: 'articles', kind: 'general', searchable: [], itemCount: 0, createdAt: CREATED },
      { name: 'shoes', kind: 'product', searchable: ['title', 'brand'], itemCount: 2, createdAt: CREATED },
    ]);
  });
});

describe('listCatalogItems', () => {
  const open = useBrowseWorkspace();

  it('pages items in item_id order with their attributes parsed', () => {
    const { db } = open();
    addCatalog(db, 'shoes', 'product', []);
    addCatalog(db, 'other', 'general', []);
    addItem(db, 'shoes', 'c', 'P2');
    addItem(db, 'shoes', 'a', 'P1', { title: 'Runner', price: 59.9, sizes: [41, 42], color: null });
    addItem(db, 'shoes', 'b', null);
    addItem(db, 'other', 'a0', null);
    const first = listCatalogItems(db, items('shoes', '', 0, 2));
    expect(first.total).toBe(3);
    expect(first.items).toEqual([
      {
        itemId: 'a',
        productId: 'P1',
        attributes: { title: 'Runner', price: 59.9, sizes: [41, 42], color: null },
        updatedAt: CREATED,
      },
      { itemId: 'b', productId: null, attributes: {}, updatedAt: CREATED },
    ]);
    expect(listCatalogItems(db, items('shoes', '', 2, 2)).items.map((item) => item.itemId)).toEqual(['c']);
  });

  it('searches item_id and product_id by part, case-insensitively and literally', () => {
    const { db } = open();
    addCatalog(db, 'shoes', 'product', []);
    addItem(db, 'shoes', 'SKU-RED-41', 'P-100');
    addItem(db, 'shoes', 'SKU-BLUE-42', 'red_line');
    addItem(db, 'shoes', 'SKU-GREEN-43', 'P-200');
    addItem(db, 'shoes', 'SKU-GREEN-44', 'redXline');
    const red = listCatalogItems(db, items('shoes', 'red'));
    expect(red.total).toBe(3);
    expect(red.items.map((item) => item.itemId)).toEqual(['SKU-BLUE-42', 'SKU-GREEN-44', 'SKU-RED-41']);
    expect(listCatalogItems(db, items('shoes', 'd_l')).items.map((item) => item.itemId)).toEqual([
      'SKU-BLUE-42',
    ]);
    expect(listCatalogItems(db, items('shoes', 'p-2')).items.map((item) => item.productId)).toEqual([
      'P-200',
    ]);
  });

  it('refuses an unknown catalog with NOT_FOUND naming it', () => {
    const { db } = open();
    expect(() => listCatalogItems(db, items('hats'))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('"hats"') }),
    );
  });
});
