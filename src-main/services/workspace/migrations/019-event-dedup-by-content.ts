import type { Migration } from '../migration';

/**
 * Events lose dedup_key: a duplicate is now found by comparing the stored event's type, attribute
 * types and attributes text with the new row's (EventMemory), among the customer's events at that
 * microsecond, as before. Hashing those texts into the key was a third of the CPU of the thread
 * that prepares an import's rows (processing a 1,000,000-row file: 15.3 → 10.7 s without it), and
 * it made every event row 7 bytes longer. Equal texts mean equal events exactly as equal keys did
 * (the key hashed the same texts), without the 1-in-2^48 chance of a false match. SQLite rewrites
 * every event row to drop the column: about 2–4 s per million events, once.
 */
export const eventDedupByContentMigration: Migration = {
  version: 19,
  name: 'event-dedup-by-content',
  up(db) {
    db.exec('ALTER TABLE events DROP COLUMN dedup_key');
  },
};
