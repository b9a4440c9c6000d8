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

/** Inserts an event; returns its id. */
export function addEvent(
  db: Database,
  customerId: number,
  eventType: string,
  timestampUs: number | bigint,
  attributes: Record<string, unknown> = {},
  attributeTypes: Record<string, string> = {},
  runId: string | null = null,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO events (customer_id, event_type, timestamp_us, attributes, attribute_types, run_id, processed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        customerId,
        eventType,
        timestampUs,
        JSON.stringify(attributes),
        JSON.stringify(attributeTypes),
        runId,
        CREATED,
      ).lastInsertRowid,
  );
}
