import { describe, expect, it } from 'vitest';
import { createRowMapper } from '../../../src-shared/mapping/map-row';
import { blockingReason, requirementsOf } from '../../../src-shared/mapping/requirements';
import { col, mappingOf, roleCol } from './fixtures';

// Issue 16, stumble 3: a product feed with one ID column could not be a product catalog, which
// needed item_id and product_id in two columns.

describe('a product catalog whose feed has one ID column', () => {
  const mapping = mappingOf('catalog', [roleCol('sku', 'item_id'), col('title')], {
    catalogName: 'products',
    catalogKind: 'product',
  });

  it('needs a product_id column, or the item_id taken as the product_id', () => {
    expect(blockingReason(requirementsOf(mapping))).toBe('Tag a product_id column.');
    const same = { ...mapping, options: { ...mapping.options, productIdFromItemId: true } };
    expect(blockingReason(requirementsOf(same))).toBeNull();
    const outcome = createRowMapper(same)(['SKU-1', 'Boots'], 2);
    expect(outcome.ok && [outcome.record.itemId, outcome.record.productId]).toEqual(['SKU-1', 'SKU-1']);
  });

  it('keeps a product_id column of its own when there is one', () => {
    const both = mappingOf(
      'catalog',
      [roleCol('sku', 'item_id'), roleCol('model', 'product_id'), col('title')],
      { catalogName: 'products', catalogKind: 'product', productIdFromItemId: true },
    );
    const outcome = createRowMapper(both)(['SKU-1', 'M-9', 'Boots'], 2);
    expect(outcome.ok && [outcome.record.itemId, outcome.record.productId]).toEqual(['SKU-1', 'M-9']);
  });
});
