import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ApplyContext } from '../../../src-main/services/destinations/workspace/apply-context';
import { createWorkspaceApplier } from '../../../src-main/services/destinations/workspace/create-applier';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { col, idCol, mappingOf, roleCol, VALID } from '../mapping/fixtures';
import { applyIn, DAY, recordsOf, rows, T0, useWorkspace } from './support';

const A: ApplyContext = { runId: 'run-a', importId: 'imp-a' };
const B: ApplyContext = { runId: 'run-b', importId: 'imp-b' };

/** Applies raw rows as one import's run, through the factory a run uses. */
function importAs(
  db: Database,
  context: ApplyContext,
  mapping: ImportMapping,
  cells: string[][],
  at = T0,
): void {
  const applier = createWorkspaceApplier(db, mapping, context);
  const result = applyIn(db, applier, recordsOf(mapping, cells), at);
  expect(result.rejected).toEqual([]);
}

describe('import provenance', () => {
  const open = useWorkspace();

  it('gives a customer value to the import that last wrote it, not to one whose older update lost', () => {
    const db = open();
    const timed = (...names: string[]) =>
      mappingOf('customers', [
        idCol('registered'),
        roleCol('updated', 'update_timestamp'),
        ...names.map((name) => col(name)),
      ]);
    importAs(db, A, timed('name', 'city'), [['u1', '2024-06-01T00:00:00Z', 'Ann', 'Brno']]);
    importAs(db, B, timed('name'), [['u1', '2024-07-01T00:00:00Z', 'Anna']]);
    // Older than B's value: not written, so B still owns it.
    importAs(db, A, timed('name'), [['u1', '2024-05-01T00:00:00Z', 'Old']]);
    expect(rows(db, 'SELECT name, value, import_id FROM customer_attributes ORDER BY name')).toEqual([
      { name: 'city', value: '"Brno"', import_id: 'imp-a' },
      { name: 'name', value: '"Anna"', import_id: 'imp-b' },
    ]);
  });

  it('stores the run (not the import) on events', () => {
    const db = open();
    importAs(db, A, VALID.events(), [['u1', '2024-03-01T10:00:00Z', '1']]);
    importAs(db, B, VALID.events(), [['u1', '2024-03-02T10:00:00Z', '1']]);
    expect(
      rows(
        db,
        'SELECT r.run_id FROM events e JOIN event_runs r ON r.number = e.run_number ORDER BY e.timestamp_us',
      ),
    ).toEqual([{ run_id: 'run-a' }, { run_id: 'run-b' }]);
  });

  it('gives a catalog item to its last writer', () => {
    const db = open();
    importAs(db, A, VALID.catalog(), [
      ['sku-1', 'Shirt'],
      ['sku-2', 'Socks'],
    ]);
    importAs(db, B, VALID.catalog(), [['sku-2', 'Blue socks']], T0 + DAY);
    expect(rows(db, 'SELECT item_id, import_id FROM catalog_items ORDER BY item_id')).toEqual([
      { item_id: 'sku-1', import_id: 'imp-a' },
      { item_id: 'sku-2', import_id: 'imp-b' },
    ]);
  });

  it('gives an identity link to the import that last affirmed it', () => {
    const db = open();
    importAs(db, A, VALID.identity(), [
      ['a@x.io', 'c1'],
      ['b@x.io', 'c2'],
    ]);
    importAs(db, B, VALID.identity(), [['b@x.io', 'c2']], T0 + DAY);
    expect(rows(db, 'SELECT match_value, import_id FROM identity_links ORDER BY match_value')).toEqual([
      { match_value: 'a@x.io', import_id: 'imp-a' },
      { match_value: 'b@x.io', import_id: 'imp-b' },
    ]);
  });

  it('gives a group membership to the import that last upserted it', () => {
    const db = open();
    importAs(db, A, VALID.group(), [
      ['u1', 'g1', '2024-01-01', ''],
      ['u2', 'g1', '2024-01-01', ''],
    ]);
    importAs(db, B, VALID.group(), [['u2', 'g1', '2024-02-01', '']], T0 + DAY);
    expect(rows(db, 'SELECT user_id, import_id FROM group_memberships ORDER BY user_id')).toEqual([
      { user_id: 'u1', import_id: 'imp-a' },
      { user_id: 'u2', import_id: 'imp-b' },
    ]);
  });

  it('leaves a voucher code with the import that brought it, even when another sends it again', () => {
    const db = open();
    importAs(db, A, VALID.vouchers(), [['A1']]);
    importAs(db, B, VALID.vouchers(), [['A1'], ['B2']], T0 + DAY);
    expect(rows(db, 'SELECT code, import_id FROM voucher_codes ORDER BY code')).toEqual([
      { code: 'A1', import_id: 'imp-a' },
      { code: 'B2', import_id: 'imp-b' },
    ]);
  });
});
