import type { Migration } from '../migration';

/**
 * When each customer ID was last linked to its customer (epoch microseconds, made unique within a
 * run), so a customer keeps at most 64 soft IDs of a type and drops the least recently linked one
 * (REFERENCE: "Max 64 soft IDs of one type per customer"). IDs linked before this migration count
 * as the oldest (0).
 */
export const softIdRecencyMigration: Migration = {
  version: 8,
  name: 'soft-id-recency',
  up(db) {
    db.exec('ALTER TABLE customer_ids ADD COLUMN linked_us INTEGER NOT NULL DEFAULT 0');
  },
};
