import type { Database } from 'better-sqlite3';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ApplyContext } from './apply-context';
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
  context: ApplyContext,
): RecordApplier {
  switch (mapping.importType) {
    case 'customers':
      return new CustomersApplier(db, mapping, context);
    case 'events':
      return new EventsApplier(db, mapping, context);
    case 'catalog':
      return new CatalogApplier(db, mapping, context);
    case 'identity':
      return new IdentityApplier(db, mapping, context);
    case 'group':
      return new GroupApplier(db, mapping, context);
    case 'vouchers':
      return new VouchersApplier(db, mapping, context);
  }
}
