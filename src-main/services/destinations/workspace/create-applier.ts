import type { Database } from 'better-sqlite3';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { RecordApplier } from './apply-counts';
import { CatalogApplier } from './catalog-applier';
import { CustomersApplier } from './customers-applier';
import { EventsApplier } from './events-applier';
import { GroupApplier } from './group-applier';
import { IdentityApplier } from './identity-applier';
import { VouchersApplier } from './vouchers-applier';

/**
 * The applier of a mapping's import type. Create it inside the run's transaction (it reads the
 * workspace's ID types) and reuse it for every batch: its statements are prepared once.
 */
export function createWorkspaceApplier(
  db: Database,
  mapping: ImportMapping,
  runId: string | null = null,
): RecordApplier {
  switch (mapping.importType) {
    case 'customers':
      return new CustomersApplier(db, mapping);
    case 'events':
      return new EventsApplier(db, mapping, runId);
    case 'catalog':
      return new CatalogApplier(db, mapping);
    case 'identity':
      return new IdentityApplier(db, mapping);
    case 'group':
      return new GroupApplier(db, mapping);
    case 'vouchers':
      return new VouchersApplier(db, mapping);
  }
}
