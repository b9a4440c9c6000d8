import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';
import { fingerprintNumberV16, keyHashV16 } from './frozen/push-hash-v16';

/**
 * The push's tables reshaped for speed (issue 15's bench: 3 ms of bookkeeping per request):
 * - `push_requests` replaces `push_outbox`: an ordinary rowid table (a request body is ~15 KB,
 *   which a WITHOUT ROWID table stores badly), records as compact `[row, key, fingerprint]` arrays
 *   (`[row, key, key hash, fingerprint]`: the commands are in the body already), no state column.
 * - `push_sending`: a tiny row per request that has left, so marking one rewrites nothing large.
 * - `push_sent` replaces `push_fingerprints`: per destination, a 48-bit hash of each record's key,
 *   the 48-bit fingerprint last acknowledged and when (ms), ~60 bytes a record instead of ~250.
 *   A key-hash collision only makes Intake send a record again; a changed record is skipped only
 *   if its fingerprint's 48 bits collide too (2⁻⁴⁸).
 * - `push_acked`: what acknowledgements add to `push_sent`, appended as they come (one small row
 *   per request: `[[key hash, fingerprint], …]` of its records) and folded into `push_sent` in key
 *   order at the end of a run — inserting each acknowledged record into the key-ordered table as
 *   it came cost a page write per record (28 µs a record in the bench).
 * Whatever a killed run left in the old outbox, and every remembered fingerprint, is carried over.
 */
export const pushCompactMigration: Migration = {
  version: 16,
  name: 'push-compact',
  transaction: 'own',
  up(db) {
    db.function('intake_key_hash_v16', { deterministic: true }, (key) => keyHashV16(String(key)));
    db.function('intake_fingerprint_v16', { deterministic: true }, (fingerprint) =>
      fingerprintNumberV16(String(fingerprint)),
    );
    db.function('intake_records_v16', { deterministic: true }, (records) =>
      JSON.stringify(
        (JSON.parse(String(records)) as { rowNumber: number; key: string; fingerprint: string }[]).map(
          (record) => [
            record.rowNumber,
            record.key,
            keyHashV16(record.key),
            fingerprintNumberV16(record.fingerprint),
          ],
        ),
      ),
    );
    db.transaction(() => {
      db.exec(`
        CREATE TABLE IF NOT EXISTS control.push_requests (
          run_id         TEXT NOT NULL,
          seq            INTEGER NOT NULL,
          import_id      TEXT,
          destination_id TEXT NOT NULL,
          request_id     TEXT NOT NULL,
          body           TEXT NOT NULL,
          records        TEXT NOT NULL,
          UNIQUE (run_id, seq)
        ) STRICT;
        CREATE INDEX IF NOT EXISTS control.push_requests_by_destination ON push_requests (destination_id, import_id);
        CREATE TABLE IF NOT EXISTS control.push_sending (
          run_id   TEXT NOT NULL,
          seq      INTEGER NOT NULL,
          attempts INTEGER NOT NULL,
          PRIMARY KEY (run_id, seq)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS control.push_acked (
          destination_id TEXT NOT NULL,
          sent_at        INTEGER NOT NULL,
          records        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS control.push_acked_by_destination ON push_acked (destination_id);
        CREATE TABLE IF NOT EXISTS control.push_sent (
          destination_id TEXT NOT NULL,
          key_hash       INTEGER NOT NULL,
          fingerprint    INTEGER NOT NULL,
          sent_at        INTEGER NOT NULL,
          PRIMARY KEY (destination_id, key_hash)
        ) STRICT, WITHOUT ROWID;
      `);
      if (hasTable(db, 'push_outbox')) {
        db.exec(`
          INSERT OR IGNORE INTO control.push_requests (run_id, seq, import_id, destination_id, request_id, body, records)
            SELECT run_id, seq, import_id, destination_id, request_id, body, intake_records_v16(records)
            FROM control.push_outbox ORDER BY run_id, seq;
          INSERT OR IGNORE INTO control.push_sending (run_id, seq, attempts)
            SELECT run_id, seq, attempts FROM control.push_outbox WHERE state = 'sending';
          DROP TABLE control.push_outbox;
        `);
      }
      if (hasTable(db, 'push_fingerprints')) {
        db.exec(`
          INSERT OR REPLACE INTO control.push_sent (destination_id, key_hash, fingerprint, sent_at)
            SELECT destination_id, intake_key_hash_v16(record_key), intake_fingerprint_v16(fingerprint),
                   CAST(round((julianday(sent_at) - 2440587.5) * 86400000) AS INTEGER)
            FROM control.push_fingerprints;
          DROP TABLE control.push_fingerprints;
        `);
      }
    })();
  },
};

function hasTable(db: Database, table: string): boolean {
  return (
    db.prepare("SELECT 1 FROM control.sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
    undefined
  );
}
