import { resolve } from 'node:path';
import type { Runtime } from '../../../src-main/host/runtime';
import { listAttributes } from '../../../src-main/services/attributes/attribute-repository';
import { listIdTypes } from '../../../src-main/services/attributes/id-type-repository';
import { quickMapping, type QuickImportFlags } from '../../../src-main/services/runs/quick-mapping';
import { registerFile } from '../../../src-main/services/sources/register-file';
import type { ColumnMapping, ImportMapping, ImportRecipe } from '../../../src-shared/model/mapping';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { Run } from '../../../src-shared/model/run';
import { rows } from '../../support/import-run';

/** Quick-import flags with the list flags defaulted to empty. */
export function quick(
  type: QuickImportFlags['type'],
  flags: Partial<Omit<QuickImportFlags, 'type'>> = {},
): QuickImportFlags {
  return { ids: [], roles: [], statics: [], lowercaseIds: false, ...flags, type };
}

/**
 * A recipe for a file: the quick import's mapping (as `importFile` would build it from the file's
 * detected columns), then `edit` for what the quick flags cannot say (catalog kind, retention,
 * update_timestamp, a column's type…).
 */
export async function recipeFor(
  runtime: Runtime,
  file: string,
  flags: QuickImportFlags,
  edit: (mapping: ImportMapping) => ImportMapping,
  name: string,
  dialect: DialectOverrides = {},
): Promise<ImportRecipe> {
  const db = runtime.workspace.db;
  const source = await registerFile(db, resolve(file));
  const preview = await runtime.previews.get(source, dialect);
  const scope = flags.type === 'events' ? flags.eventType : flags.type === 'catalog' ? flags.catalog : '';
  const mapping = quickMapping(preview.columns, flags, {
    idTypes: listIdTypes(db),
    attributes: listAttributes(db, flags.type, scope ?? ''),
  });
  return { kind: 'intake.import', version: 1, name, dialect, header: preview.header, mapping: edit(mapping) };
}

/** Changes the mapping of the column whose source header is `source`. */
export function editColumn(
  mapping: ImportMapping,
  source: string,
  change: Partial<ColumnMapping>,
): ImportMapping {
  if (!mapping.columns.some((column) => column.source === source)) {
    throw new Error(`The mapping has no column "${source}".`);
  }
  return {
    ...mapping,
    columns: mapping.columns.map((column) => (column.source === source ? { ...column, ...change } : column)),
  };
}

/** Changes the mapping's import options. */
export function editOptions(
  mapping: ImportMapping,
  change: Partial<ImportMapping['options']>,
): ImportMapping {
  return { ...mapping, options: { ...mapping.options, ...change } };
}

/** A run's counts, after checking it succeeded (a failed run's error is the assertion's message). */
export function countsOf(run: Run): Run['rows'] {
  if (run.status !== 'succeeded') {
    throw new Error(`run ${run.id} ${run.status}: ${run.error?.message ?? 'no error'}`);
  }
  return run.rows;
}

/** A run's rejects as stored, in row order. */
export function rejectsOf(
  runtime: Runtime,
  run: Run,
): { row_number: number; column_name: string | null; value: string; reason: string }[] {
  return rows(
    runtime,
    'SELECT row_number, column_name, value, reason FROM run_rejects WHERE run_id = ? ORDER BY row_number',
    run.id,
  );
}

/**
 * Every row of a table, all columns but `except` (bookkeeping times that by design move with each
 * processing), in a stable order: a snapshot to compare two states of the workspace.
 */
export function dumpTable(runtime: Runtime, table: string, except: readonly string[] = []): unknown[][] {
  const columns = rows<{ name: string }>(runtime, `SELECT name FROM pragma_table_info(?)`, table)
    .map((column) => column.name)
    .filter((name) => !except.includes(name));
  const list = columns.map((name) => `"${name}"`).join(', ');
  return runtime.workspace.db
    .prepare(`SELECT ${list} FROM "${table}" ORDER BY ${list}`)
    .raw(true)
    .all() as unknown[][];
}

/** The customer id holding an ID, or undefined. */
export function customerOf(runtime: Runtime, idType: string, value: string): number | undefined {
  return rows<{ customer_id: number }>(
    runtime,
    'SELECT customer_id FROM customer_ids WHERE id_type = ? AND value = ?',
    idType,
    value,
  )[0]?.customer_id;
}

/** A customer's attributes as {name: parsed JSON value (null for a blank)}. */
export function attributesOf(runtime: Runtime, customerId: number | undefined): Record<string, unknown> {
  const found = rows<{ name: string; value: string | null }>(
    runtime,
    'SELECT name, value FROM customer_attributes WHERE customer_id = ? ORDER BY name',
    customerId,
  );
  return Object.fromEntries(
    found.map(({ name, value }) => [name, value === null ? null : JSON.parse(value)]),
  );
}

/** A customer's IDs as "type:value", sorted. */
export function idsOf(runtime: Runtime, customerId: number | undefined): string[] {
  return rows<{ id: string }>(
    runtime,
    "SELECT id_type || ':' || value AS id FROM customer_ids WHERE customer_id = ? ORDER BY id",
    customerId,
  ).map((row) => row.id);
}

/** How many rows a table holds. */
export function countOf(runtime: Runtime, table: string): number {
  return rows<{ n: number }>(runtime, `SELECT COUNT(*) AS n FROM "${table}"`)[0]!.n;
}

/** ISO text of `iso` plus whole days, as the workspace writes expiries. */
export function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}
