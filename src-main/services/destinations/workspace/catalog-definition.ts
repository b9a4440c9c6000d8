import type { Database } from 'better-sqlite3';

/** A catalog's kind and searchable fields, both fixed at its first import. */
export interface CatalogDefinition {
  name: string;
  kind: 'general' | 'product';
  searchable: string[];
}

interface CatalogRow {
  kind: CatalogDefinition['kind'];
  searchable: string;
}

/** The stored catalog, or null before its first import. */
export function readCatalog(db: Database, name: string): CatalogDefinition | null {
  const row = db.prepare('SELECT kind, searchable FROM catalogs WHERE name = ?').get(name) as
    CatalogRow | undefined;
  return row ? { name, kind: row.kind, searchable: JSON.parse(row.searchable) as string[] } : null;
}

/**
 * Creates the catalog as the import asks on its first import; later imports keep the stored kind
 * and searchable fields, and get a warning naming what was asked and what stays.
 */
export function ensureCatalog(
  db: Database,
  wanted: CatalogDefinition,
  nowIso: string,
): { catalog: CatalogDefinition; warning: string | null } {
  const stored = readCatalog(db, wanted.name);
  if (!stored) {
    db.prepare('INSERT INTO catalogs (name, kind, searchable, created_at) VALUES (?, ?, ?, ?)').run(
      wanted.name,
      wanted.kind,
      JSON.stringify(wanted.searchable),
      nowIso,
    );
    return { catalog: wanted, warning: null };
  }
  const fixed: string[] = [];
  if (stored.kind !== wanted.kind) fixed.push(`kind ${stored.kind} (not ${wanted.kind})`);
  if (!sameFields(stored.searchable, wanted.searchable)) {
    fixed.push(`searchable fields ${listOf(stored.searchable)} (not ${listOf(wanted.searchable)})`);
  }
  const warning = fixed.length
    ? `Catalog "${wanted.name}" keeps what its first import chose: ${fixed.join('; ')}.`
    : null;
  return { catalog: stored, warning };
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((field) => set.has(field));
}

function listOf(fields: readonly string[]): string {
  return fields.length ? fields.join(', ') : 'none';
}
