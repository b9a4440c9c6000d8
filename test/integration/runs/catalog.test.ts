import { afterAll, describe, expect, it } from 'vitest';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { countsOf, editColumn, editOptions, quick, recipeFor, rejectsOf } from './run-helpers';

// Catalog (DESIGN.md §4): rows apply in order and the last occurrence of an item wins; the kind
// (general or product) and the searchable fields are fixed at the first import.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

function itemsOf(
  catalog: string,
): Record<string, { productId: string | null; attributes: Record<string, unknown> }> {
  const found = rows<{ item_id: string; product_id: string | null; attributes: string }>(
    runtime,
    'SELECT item_id, product_id, attributes FROM catalog_items WHERE catalog = ? ORDER BY item_id',
    catalog,
  );
  return Object.fromEntries(
    found.map((item) => [
      item.item_id,
      { productId: item.product_id, attributes: JSON.parse(item.attributes) as Record<string, unknown> },
    ]),
  );
}

function catalogRow(name: string): { kind: string; searchable: string[] } | undefined {
  const [row] = rows<{ kind: string; searchable: string }>(
    runtime,
    'SELECT kind, searchable FROM catalogs WHERE name = ?',
    name,
  );
  return row ? { kind: row.kind, searchable: JSON.parse(row.searchable) as string[] } : undefined;
}

describe('catalog import', () => {
  it('applies rows in order: the last occurrence of an item wins', async () => {
    const tooBig = 'x'.repeat(28_673);
    const file = writeFixture(
      temp.dir,
      'shop.csv',
      'item_id,title,price\ni1,First,10\ni2,Second,20\ni1,Third,30\n,Orphan,40\n' + `i3,${tooBig},50\n`,
    );
    const flags = quick('catalog', { catalog: 'shop', itemId: 'item_id' });
    const run = await importAndWait(runtime, { file, quick: flags });

    expect(countsOf(run)).toEqual({
      read: 5,
      imported: 2,
      updated: 1,
      deduplicated: 0,
      rejected: 2,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run).map((reject) => [reject.row_number, reject.reason])).toEqual([
      [5, 'Missing item_id in "item_id"'],
      [6, 'Catalog value over 28,672 bytes in "title"'],
    ]);
    const items = itemsOf('shop');
    expect(Object.keys(items)).toEqual(['i1', 'i2']);
    expect(items.i1!.attributes).toMatchObject({ title: 'Third', price: 30 });
    expect(items.i2!.attributes).toMatchObject({ title: 'Second', price: 20 });
    expect(catalogRow('shop')).toEqual({ kind: 'general', searchable: [] });

    // A later import replaces an item's attributes (not merged) and leaves other items alone.
    const later = writeFixture(temp.dir, 'shop-2.csv', 'item_id,title\ni1,Fourth\n');
    const update = await importAndWait(runtime, { file: later, quick: flags });
    expect(countsOf(update)).toEqual({
      read: 1,
      imported: 0,
      updated: 1,
      deduplicated: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(itemsOf('shop').i1!.attributes).not.toHaveProperty('price');
    expect(itemsOf('shop').i1!.attributes).toMatchObject({ title: 'Fourth' });
    expect(itemsOf('shop').i2!.attributes).toMatchObject({ title: 'Second', price: 20 });
  });

  it('fixes the kind at the first import: a later import asking for the other kind keeps it, with a warning', async () => {
    const products = writeFixture(
      temp.dir,
      'products.csv',
      'item_id,product_id,title\nsku-1,p-1,Bracelet\nsku-2,p-1,Bracelet XL\n',
    );
    const recipe = await recipeFor(
      runtime,
      products,
      quick('catalog', { catalog: 'products', itemId: 'item_id' }),
      (m) =>
        editColumn(editOptions(m, { catalogKind: 'product' }), 'product_id', {
          role: 'product_id',
          type: 'text',
        }),
      'products (product)',
    );
    const first = await importAndWait(runtime, { file: products, recipe });
    expect(countsOf(first)).toMatchObject({ read: 2, imported: 2, rejected: 0 });
    expect(first.warnings).toEqual([]);
    expect(catalogRow('products')?.kind).toBe('product');
    expect(itemsOf('products')['sku-2']!.productId).toBe('p-1');

    const general = writeFixture(temp.dir, 'products-general.csv', 'item_id,title\nsku-1,Bracelet S\n');
    const second = await importAndWait(runtime, {
      file: general,
      quick: quick('catalog', { catalog: 'products', itemId: 'item_id' }),
    });
    expect(countsOf(second)).toMatchObject({ read: 1, updated: 1 });
    expect(second.warnings).toEqual([
      'Catalog "products" keeps what its first import chose: kind product (not general).',
    ]);
    expect(catalogRow('products')?.kind).toBe('product');
    expect(itemsOf('products')['sku-1']!.attributes).toMatchObject({ title: 'Bracelet S' });
  });

  it('a general catalog stays general when a later import says product', async () => {
    const general = writeFixture(temp.dir, 'plain.csv', 'item_id,title\ng1,One\n');
    const flags = quick('catalog', { catalog: 'plain', itemId: 'item_id' });
    expect((await importAndWait(runtime, { file: general, quick: flags })).warnings).toEqual([]);

    const product = writeFixture(temp.dir, 'plain-product.csv', 'item_id,product_id,title\ng1,p9,Two\n');
    const recipe = await recipeFor(
      runtime,
      product,
      flags,
      (m) =>
        editColumn(editOptions(m, { catalogKind: 'product' }), 'product_id', {
          role: 'product_id',
          type: 'text',
        }),
      'plain (product)',
    );
    const run = await importAndWait(runtime, { file: product, recipe });
    expect(countsOf(run)).toMatchObject({ updated: 1 });
    expect(run.warnings).toEqual([
      'Catalog "plain" keeps what its first import chose: kind general (not product).',
    ]);
    expect(catalogRow('plain')?.kind).toBe('general');
  });

  it('fixes the searchable fields at the first import', async () => {
    const file = writeFixture(temp.dir, 'search.csv', 'item_id,title,brand\ns1,Ring,Acme\n');
    const flags = quick('catalog', { catalog: 'search', itemId: 'item_id' });
    const searchable = (column: string) =>
      recipeFor(
        runtime,
        file,
        flags,
        (m) => editColumn(m, column, { searchable: true }),
        `search by ${column}`,
      );

    const first = await importAndWait(runtime, { file, recipe: await searchable('title') });
    expect(countsOf(first)).toMatchObject({ imported: 1 });
    expect(first.warnings).toEqual([]);
    expect(catalogRow('search')?.searchable).toEqual(['title']);

    const second = await importAndWait(runtime, { file, recipe: await searchable('brand') });
    expect(countsOf(second)).toMatchObject({ updated: 1 });
    expect(second.warnings).toEqual([
      'Catalog "search" keeps what its first import chose: searchable fields title (not brand).',
    ]);
    expect(catalogRow('search')?.searchable).toEqual(['title']);

    const third = await importAndWait(runtime, { file, recipe: await searchable('title') });
    expect(third.warnings).toEqual([]);
    expect(catalogRow('search')).toEqual({ kind: 'general', searchable: ['title'] });
  });

  it('refuses a catalog name with a space before anything runs', async () => {
    const file = writeFixture(temp.dir, 'spaced.csv', 'item_id,title\nz1,Zed\n');
    await expect(
      importAndWait(runtime, { file, quick: quick('catalog', { catalog: 'my shop', itemId: 'item_id' }) }),
    ).rejects.toThrow(/contains a space/);
    expect(catalogRow('my shop')).toBeUndefined();
  });
});
