import type { Migration } from '../migration';

/**
 * The Data page lists customers newest-updated first. Without an index every page sorted all
 * customers: 250 ms for the first page of 1,000,000 and 870 ms at offset 500,000; with it, 6 ms
 * and 10 ms. A run stamps its customers with one processing time and ids only grow, so bulk
 * imports append to this index.
 */
export const customersByUpdateMigration: Migration = {
  version: 9,
  name: 'customers-by-update',
  up(db) {
    db.exec('CREATE INDEX customers_by_update ON customers (updated_at, id)');
  },
};
