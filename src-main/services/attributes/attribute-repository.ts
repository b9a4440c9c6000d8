import type { Database } from 'better-sqlite3';
import type { Attribute } from '../../../src-shared/model/id-type';
import type { ColumnType } from '../../../src-shared/model/column-type';
import type { ImportType } from '../../../src-shared/model/import-type';

/**
 * Attributes that exist for an import type: those of its scope (an event type, a catalog name)
 * and the workspace-wide standard ones (scope ''), the scoped type winning.
 */
export function listAttributes(db: Database, importType: ImportType, scope = ''): Attribute[] {
  const rows = db
    .prepare(
      `SELECT name, data_type AS type, scope FROM attributes
       WHERE import_type = ? AND (scope = ? OR scope = '') ORDER BY scope DESC, name`,
    )
    .all(importType, scope) as (Attribute & { scope: string })[];
  const byName = new Map<string, Attribute>();
  for (const row of rows) if (!byName.has(row.name)) byName.set(row.name, { name: row.name, type: row.type });
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Records attributes an import created (kept with their first type, like the platforms' data manager). */
export function recordAttributes(
  db: Database,
  importType: ImportType,
  scope: string,
  attributes: { name: string; type: ColumnType }[],
): void {
  const insert = db.prepare(
    `INSERT INTO attributes (import_type, scope, name, data_type, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const now = new Date().toISOString();
  for (const attribute of attributes) insert.run(importType, scope, attribute.name, attribute.type, now);
}
