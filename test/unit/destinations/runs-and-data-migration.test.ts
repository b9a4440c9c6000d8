import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useWorkspace } from './support';

const TABLES = [
  'runs',
  'run_rejects',
  'customers',
  'customer_ids',
  'customer_attributes',
  'events',
  'event_attribute_types',
  'event_type_spans',
  'catalogs',
  'catalog_items',
  'identity_links',
  'group_memberships',
  'voucher_pools',
  'voucher_codes',
  'import_files',
  'import_cursors',
];

const count = (db: Database, table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();

function addImport(db: Database, id: string): void {
  db.prepare(
    `INSERT INTO imports (id, name, source_id, import_type, dialect, header, header_fingerprint, mapping, created_at, updated_at)
     VALUES (?, 'n', NULL, 'customers', '{}', '[]', 'f', '{}', 't', 't')`,
  ).run(id);
}

describe('migration 4: runs and data', () => {
  const open = useWorkspace();

  it('creates every table as STRICT', () => {
    const db = open();
    // Since migration 10 the run tables live in the control database (attached as `control`).
    const list = db
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema IN ('main', 'control')")
      .all() as {
      name: string;
      strict: number;
    }[];
    const strict = new Map(list.map((table) => [table.name, table.strict]));
    for (const table of TABLES) expect([table, strict.get(table)]).toEqual([table, 1]);
  });

  it('refuses a run status or import type outside the lists, and keeps run rejects with their run', () => {
    const db = open();
    const run = db.prepare(
      "INSERT INTO runs (id, import_id, import_type, status, queued_at) VALUES (?, NULL, ?, ?, '2026-01-01')",
    );
    expect(() => run.run('r0', 'customers', 'running')).toThrow(/CHECK/);
    expect(() => run.run('r0', 'people', 'queued')).toThrow(/CHECK/);
    run.run('r1', 'events', 'queued');
    expect(db.prepare('SELECT rows_read, rows_rejected, bytes_read, error FROM runs').get()).toEqual({
      rows_read: 0,
      rows_rejected: 0,
      bytes_read: 0,
      error: null,
    });
    db.prepare(
      "INSERT INTO run_rejects (run_id, row_number, column_name, value, reason) VALUES ('r1', 2, 'email', 'x', 'No valid customer ID')",
    ).run();
    db.prepare("DELETE FROM runs WHERE id = 'r1'").run();
    expect(count(db, 'run_rejects')).toBe(0);
  });

  it('lets a code be in one pool only', () => {
    const db = open();
    db.exec("INSERT INTO voucher_pools VALUES ('spring', 't'), ('summer', 't')");
    db.exec("INSERT INTO voucher_codes (pool, code, imported_at) VALUES ('spring', 'A1', 't')");
    expect(() =>
      db.exec("INSERT INTO voucher_codes (pool, code, imported_at) VALUES ('summer', 'A1', 't')"),
    ).toThrow(/UNIQUE/);
  });

  it("forgets an import's remembered files and cursor with it, but keeps its runs", () => {
    const db = open();
    addImport(db, 'i1');
    db.exec("INSERT INTO import_files VALUES ('i1', '/data/a.csv', 10, '2026-01-01', 't')");
    db.exec("INSERT INTO import_cursors VALUES ('i1', '\"2026-01-01\"', 't')");
    db.exec(
      "INSERT INTO runs (id, import_id, import_type, status, queued_at) VALUES ('r1', 'i1', 'customers', 'succeeded', 't')",
    );
    db.exec("DELETE FROM imports WHERE id = 'i1'");
    expect([count(db, 'import_files'), count(db, 'import_cursors'), count(db, 'runs')]).toEqual([0, 0, 1]);
  });

  it("deletes a customer's IDs, attributes, and events with their dedup memory with it", () => {
    const db = open();
    db.exec(`
      INSERT INTO customers VALUES (1, 't', 't'), (2, 't', 't');
      INSERT INTO customer_ids (id_type, value, customer_id) VALUES ('registered', 'u1', 1), ('registered', 'u2', 2);
      INSERT INTO customer_attributes (customer_id, name, type, value, updated_at_us)
        VALUES (1, 'name', 'text', '"Ann"', 1);
      INSERT INTO event_attribute_types (id, types) VALUES (7, '[]');
      INSERT INTO event_runs (number, run_id, processed_us) VALUES (3, NULL, 0);
      INSERT INTO events (customer_id, event_type, timestamp_us, attributes, types_id, run_number, dedup_until_us)
        VALUES (1, 'view', 1, '[]', 7, 3, 11), (2, 'view', 1, '[]', 7, 3, 12);
      DELETE FROM customers WHERE id = 1;
    `);
    for (const table of ['customer_ids', 'customer_attributes', 'events'])
      expect(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE customer_id = 1`).pluck().get(), table).toBe(0);
    // The other customer's event and memory stay, and so do the shared attribute types.
    expect(db.prepare('SELECT customer_id, dedup_until_us FROM events').all()).toEqual([
      { customer_id: 2, dedup_until_us: 12 },
    ]);
    expect(count(db, 'event_attribute_types')).toBe(1);
  });
});
