import type { Migration } from '../migration';

/**
 * Runs and the data they import, with the platforms' semantics (DESIGN.md §4). Times of the data
 * (event timestamps, update timestamps, cursors) are INTEGER microseconds so they compare exactly
 * and sort as numbers; bookkeeping times (created, processed, expiry) are ISO text like the other
 * tables. Attribute values are JSON text, NULL for a blank. Small key-only tables are WITHOUT ROWID
 * (their primary key is their only index); tables with large JSON rows keep a rowid.
 */
export const runsAndDataMigration: Migration = {
  version: 4,
  name: 'runs-and-data',
  up(db) {
    db.exec(`
      -- import_id has no foreign key: a run (and what it wrote) stays traceable after its import is
      -- deleted, and quick CLI imports have no definition at all (NULL).
      CREATE TABLE runs (
        id                 TEXT PRIMARY KEY,
        import_id          TEXT,
        import_type        TEXT NOT NULL
          CHECK (import_type IN ('customers', 'events', 'catalog', 'identity', 'group', 'vouchers')),
        status             TEXT NOT NULL
          CHECK (status IN ('queued', 'loading', 'processing', 'succeeded', 'failed', 'cancelled')),
        rows_read          INTEGER NOT NULL DEFAULT 0,
        rows_imported      INTEGER NOT NULL DEFAULT 0,
        rows_updated       INTEGER NOT NULL DEFAULT 0,
        rows_deduplicated  INTEGER NOT NULL DEFAULT 0,
        rows_rejected      INTEGER NOT NULL DEFAULT 0,
        bytes_read         INTEGER NOT NULL DEFAULT 0,
        bytes_total        INTEGER,
        error              TEXT,
        queued_at          TEXT NOT NULL,
        started_at         TEXT,
        processing_at      TEXT,
        finished_at        TEXT
      ) STRICT;
      -- An import's history and last sync; the queue and the start-up "interrupted" sweep by status.
      CREATE INDEX runs_by_import ON runs (import_id, queued_at);
      CREATE INDEX runs_by_status ON runs (status);

      -- One reason per row: the mapping rejects a row for the first rule it breaks.
      CREATE TABLE run_rejects (
        run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        row_number  INTEGER NOT NULL,
        column_name TEXT,
        value       TEXT NOT NULL,
        reason      TEXT NOT NULL,
        PRIMARY KEY (run_id, row_number)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE customers (
        id         INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- id_type has no foreign key to id_types: a definition file may name a type the workspace does
      -- not know yet, and such a type simply counts as soft.
      CREATE TABLE customer_ids (
        id_type     TEXT NOT NULL,
        value       TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        PRIMARY KEY (id_type, value)
      ) STRICT, WITHOUT ROWID;
      -- A profile's IDs, and the "one value per hard ID type" check when resolving a row.
      CREATE INDEX customer_ids_by_customer ON customer_ids (customer_id, id_type);

      -- updated_at_us is the data's update time (update_timestamp, else the processing time), so an
      -- older update never overwrites a newer value.
      CREATE TABLE customer_attributes (
        customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        name          TEXT NOT NULL,
        type          TEXT NOT NULL,
        value         TEXT,
        updated_at_us INTEGER NOT NULL,
        PRIMARY KEY (customer_id, name)
      ) STRICT;

      -- attributes is {name: value}; attribute_types is {name: type}, so "1" and 1 or a date and a
      -- text stay apart. run_id has no foreign key: events outlive the run history.
      CREATE TABLE events (
        id              INTEGER PRIMARY KEY,
        customer_id     INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        event_type      TEXT NOT NULL,
        timestamp_us    INTEGER NOT NULL,
        attributes      TEXT NOT NULL,
        attribute_types TEXT NOT NULL,
        run_id          TEXT,
        processed_at    TEXT NOT NULL
      ) STRICT;
      -- A profile's timeline, and events by type (counts, browsing) in time order. Nothing more:
      -- every index slows the bulk insert the benchmark measures.
      CREATE INDEX events_by_customer ON events (customer_id, timestamp_us);
      CREATE INDEX events_by_type ON events (event_type, timestamp_us);

      -- The dedup memory: a hash of type, timestamp and typed attributes, per customer, until expiry.
      CREATE TABLE event_dedup (
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        dedup_key   TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        PRIMARY KEY (customer_id, dedup_key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_dedup_by_expiry ON event_dedup (expires_at);

      -- kind and searchable (a JSON array of field names) are fixed at the first import.
      CREATE TABLE catalogs (
        name       TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('general', 'product')),
        searchable TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE catalog_items (
        catalog    TEXT NOT NULL REFERENCES catalogs (name) ON DELETE CASCADE,
        item_id    TEXT NOT NULL,
        product_id TEXT,
        attributes TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (catalog, item_id)
      ) STRICT;
      CREATE INDEX catalog_items_by_product ON catalog_items (catalog, product_id);

      -- A link between two IDs; timestamp_us is the row's optional timestamp. Lookups go both ways.
      CREATE TABLE identity_links (
        match_type   TEXT NOT NULL,
        match_value  TEXT NOT NULL,
        id_type      TEXT NOT NULL,
        id_value     TEXT NOT NULL,
        timestamp_us INTEGER,
        linked_at    TEXT NOT NULL,
        expires_at   TEXT NOT NULL,
        PRIMARY KEY (match_type, match_value, id_type, id_value)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX identity_links_by_identifier ON identity_links (id_type, id_value);
      CREATE INDEX identity_links_by_expiry ON identity_links (expires_at);

      -- expires_at is NULL unless the import sets a retention.
      CREATE TABLE group_memberships (
        group_id     TEXT NOT NULL,
        user_id_type TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        cursor_us    INTEGER NOT NULL,
        updated_at   TEXT NOT NULL,
        expires_at   TEXT,
        PRIMARY KEY (group_id, user_id_type, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX group_memberships_by_user ON group_memberships (user_id_type, user_id);
      CREATE INDEX group_memberships_by_expiry ON group_memberships (expires_at) WHERE expires_at IS NOT NULL;

      CREATE TABLE voucher_pools (
        name       TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      ) STRICT;

      -- A code may be in one pool only (UNIQUE (code)); the primary key lists a pool's codes.
      CREATE TABLE voucher_codes (
        pool        TEXT NOT NULL REFERENCES voucher_pools (name) ON DELETE CASCADE,
        code        TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (pool, code),
        UNIQUE (code)
      ) STRICT, WITHOUT ROWID;

      -- Files a storage source already imported ("not imported yet"); forgotten with their import.
      CREATE TABLE import_files (
        import_id   TEXT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        path        TEXT NOT NULL,
        size        INTEGER NOT NULL,
        mtime       TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (import_id, path)
      ) STRICT, WITHOUT ROWID;

      -- The last imported value of an incremental sync's cursor column, as JSON text.
      CREATE TABLE import_cursors (
        import_id  TEXT PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
