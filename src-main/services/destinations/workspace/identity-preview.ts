import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../../src-shared/errors';
import { createRowMapper, type MappedId } from '../../../../src-shared/mapping/map-row';
import type {
  IdentityConflict,
  IdentityMerge,
  IdentityPreview,
} from '../../../../src-shared/model/identity-preview';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { DatasetReader } from '../../stage/dataset-reader';
import { fillCarries } from '../../stage/fill-carries';
import { IdentityForecast, type CustomerToken } from './identity-forecast';
import { idColumn } from './row-reject';

/** Rows whose IDs are looked up in the workspace together (one query per ID type). */
const BATCH_ROWS = 5_000;
/** Merges and conflicts listed; the counts cover them all. */
const LISTED = 10;
/** Rows shown of each merge. */
const ROWS_PER_MERGE = 5;
const CONFLICTS_LISTED = 20;

interface PendingRow {
  index: number;
  rowNumber: number;
  ids: MappedId[];
}

/**
 * What a customers or events import's rows would resolve to (IdentityPreview), from one pass over
 * every staged row in file order — the rows the mapping rejects and the dedupe steps remove left
 * out, as the run leaves them out — against a read-only look at the workspace's IDs.
 */
export function previewIdentities(
  reader: DatasetReader,
  mapping: ImportMapping,
  workspace: Database,
  /**
   * The rows the validation found rejected or removed (ascending indexes): only the ID columns of
   * the other rows are read, not every column a rule reads (the validation has done that).
   */
  leftOut: Uint32Array,
): IdentityPreview {
  const started = performance.now();
  if (mapping.importType !== 'customers' && mapping.importType !== 'events') {
    throw new IntakeError(
      'VALIDATION',
      `The identity preview is for customers and events imports; this one is ${mapping.importType}.`,
      { setting: 'importType' },
    );
  }
  if (!mapping.columns.some((column) => column.role === 'id' && column.idType)) {
    throw new IntakeError('VALIDATION', 'Give a column the customer ID role to preview customers.', {
      setting: 'role',
    });
  }
  const { rowCount } = reader.meta;
  const skipped = flagsOf(leftOut, rowCount);
  const map = createRowMapper(mapping, { idsOnly: true, rejectionsKnown: true });
  const forecast = new IdentityForecast(workspace);
  /** Each row's customer (0: the row does not reach one). */
  const customerOf = new Float64Array(rowCount);
  const merged = new Set<CustomerToken>();
  const conflicts: IdentityConflict[] = [];
  let conflictCount = 0;
  let rows = 0;
  let pending: PendingRow[] = [];
  const resolvePending = () => {
    forecast.begin(pending.flatMap((row) => row.ids));
    for (const row of pending) {
      const outcome = forecast.resolve(row.ids);
      if (!outcome.ok) {
        conflictCount++;
        if (conflicts.length < CONFLICTS_LISTED) {
          conflicts.push({
            rowNumber: row.rowNumber,
            column: idColumn(mapping, outcome.id),
            value: outcome.id.value,
            reason: outcome.reason,
          });
        }
        continue;
      }
      customerOf[row.index] = outcome.customer;
      if (outcome.joined) merged.add(outcome.customer);
    }
    pending = [];
  };
  for (const { index, cells } of reader.all()) {
    const rowNumber = reader.rowNumberOf(index);
    // A row left out still passes its values down to a fill-down's blanks below it.
    if (skipped[index]) {
      map.skip(cells, rowNumber);
      continue;
    }
    const mapped = map(cells, rowNumber);
    if (!mapped.ok || mapped.record.ids.length === 0) continue;
    rows++;
    pending.push({ index, rowNumber, ids: mapped.record.ids });
    if (pending.length === BATCH_ROWS) resolvePending();
  }
  resolvePending();
  const newCustomers = forecast.newCustomers;
  return {
    rows,
    customers: newCustomers + forecast.existing.size,
    existingCustomers: forecast.existing.size,
    newCustomers,
    merges: { count: merged.size, largest: largestMerges(reader, mapping, customerOf, merged) },
    conflicts: { count: conflictCount, examples: conflicts },
    movedIds: forecast.moved,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** The merges with the most rows, each with its first rows and their IDs. */
function largestMerges(
  reader: DatasetReader,
  mapping: ImportMapping,
  customerOf: Float64Array,
  merged: ReadonlySet<CustomerToken>,
): IdentityMerge[] {
  if (merged.size === 0) return [];
  const rowsOf = new Map<CustomerToken, number[]>();
  const counts = new Map<CustomerToken, number>();
  for (let index = 0; index < customerOf.length; index++) {
    const customer = customerOf[index]!;
    if (!merged.has(customer)) continue;
    counts.set(customer, (counts.get(customer) ?? 0) + 1);
    let first = rowsOf.get(customer);
    if (!first) rowsOf.set(customer, (first = []));
    if (first.length < ROWS_PER_MERGE) first.push(index);
  }
  // Largest first; among equals, the one the file reaches first.
  const chosen = [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || rowsOf.get(a)![0]! - rowsOf.get(b)![0]!)
    .slice(0, LISTED);
  const listed = chosen.map(([customer]) => reader.rowsAt(rowsOf.get(customer)!));
  // Each listed row read alone, with what a fill-down carries into it from the rows above.
  const carries = fillCarries(
    reader,
    mapping,
    listed.flat().map((row) => row.rowNumber),
  );
  let next = 0;
  return chosen.map(([customer, rowCount], i) => ({
    existing: customer > 0,
    rowCount,
    rows: listed[i]!.map((row) => {
      const mapped = createRowMapper(mapping, { idsOnly: true, fill: carries[next++] ?? null })(
        row.cells,
        row.rowNumber,
      );
      return { rowNumber: row.rowNumber, ids: mapped.ok ? mapped.record.ids : [] };
    }),
  }));
}

/** One flag per row (1: left out) from ascending row indexes. */
function flagsOf(indexes: Uint32Array, rowCount: number): Uint8Array {
  const flags = new Uint8Array(rowCount);
  for (const index of indexes) flags[index] = 1;
  return flags;
}
