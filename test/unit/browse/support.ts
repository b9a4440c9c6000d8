import type { Database } from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openWorkspace, type Workspace } from '../../../src-main/services/workspace/workspace';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Fixtures are written with plain INSERTs, not the appliers: these tests are about reading what
 * the tables hold, and stay independent of how imports write them.
 */

/** 2026-11-23T10:00:00Z in epoch microseconds, the data time most fixtures use. */
export const T0_US = Date.UTC(2026, 10, 23, 10) * 1000;
/** A bookkeeping time (ISO text) for rows whose creation time does not matter. */
export const CREATED = '2026-11-01T00:00:00.000Z';

/** A fresh, migrated workspace per test, closed and removed after it. */
export function useBrowseWorkspace(): () => Workspace {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return () => {
    const temp = makeTempDir('intake-browse-');
    const workspace = openWorkspace(temp.dir);
    cleanups.push(() => {
      workspace.close();
      temp.remove();
    });
    return workspace;
  };
}

/** Inserts a customer with its IDs ([type, value] pairs); returns its id. */
export function addCustomer(
  db: Database,
  ids: [string, string][],
  updatedAt = CREATED,
  createdAt = CREATED,
): number {
  const id = Number(
    db.prepare('INSERT INTO customers (created_at, updated_at) VALUES (?, ?)').run(createdAt, updatedAt)
      .lastInsertRowid,
  );
  const insertId = db.prepare('INSERT INTO customer_ids (id_type, value, customer_id) VALUES (?, ?, ?)');
  for (const [type, value] of ids) insertId.run(type, value, id);
  return id;
}

/** Inserts a profile attribute; `json` is the stored JSON text, null for a blank. */
export function addAttribute(
  db: Database,
  customerId: number,
  name: string,
  type: string,
  json: string | null,
  updatedAtUs: number | bigint = T0_US,
): void {
  db.prepare(
    'INSERT INTO customer_attributes (customer_id, name, type, value, updated_at_us) VALUES (?, ?, ?, ?, ?)',
  ).run(customerId, name, type, json, updatedAtUs);
}

/**
 * Inserts an event as the workspace stores it (schema 20): its values as an array in the order of
 * its attribute-types set (names sorted), that set once in event_attribute_types, its run in
 * event_runs, the type's first and last timestamps widened in event_type_spans; returns its id.
 * The dedup memory is a placeholder (browsing never reads it).
 */
export function addEvent(
  db: Database,
  customerId: number,
  eventType: string,
  timestampUs: number | bigint,
  attributes: Record<string, unknown> = {},
  attributeTypes: Record<string, string> = {},
  runId: string | null = null,
): number {
  const names = [...new Set([...Object.keys(attributeTypes), ...Object.keys(attributes)])].sort((a, b) =>
    a < b ? -1 : 1,
  );
  const types = JSON.stringify(names.map((name) => [name, attributeTypes[name] ?? 'text']));
  db.prepare('INSERT OR IGNORE INTO event_attribute_types (types) VALUES (?)').run(types);
  const typesId = db
    .prepare('SELECT id FROM event_attribute_types WHERE types = ?')
    .pluck()
    .get(types) as number;
  const runNumber = db
    .prepare('INSERT INTO event_runs (run_id, processed_us) VALUES (?, ?)')
    .run(runId, Date.parse(CREATED) * 1000).lastInsertRowid;
  db.prepare(
    `INSERT INTO event_type_spans (event_type, first_us, last_us) VALUES (?, ?, ?)
     ON CONFLICT (event_type) DO UPDATE SET
       first_us = MIN(first_us, excluded.first_us), last_us = MAX(last_us, excluded.last_us)`,
  ).run(eventType, timestampUs, timestampUs);
  const values = JSON.stringify(names.map((name) => attributes[name] ?? null));
  return Number(
    db
      .prepare(
        `INSERT INTO events (customer_id, event_type, timestamp_us, attributes, types_id, run_number, dedup_until_us)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(customerId, eventType, timestampUs, values, typesId, runNumber, Date.parse(CREATED) * 1000)
      .lastInsertRowid,
  );
}
