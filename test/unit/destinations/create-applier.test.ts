import { describe, expect, it } from 'vitest';
import { CatalogApplier } from '../../../src-main/services/destinations/workspace/catalog-applier';
import { createWorkspaceApplier } from '../../../src-main/services/destinations/workspace/create-applier';
import { CustomersApplier } from '../../../src-main/services/destinations/workspace/customers-applier';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import { GroupApplier } from '../../../src-main/services/destinations/workspace/group-applier';
import { IdentityApplier } from '../../../src-main/services/destinations/workspace/identity-applier';
import { VouchersApplier } from '../../../src-main/services/destinations/workspace/vouchers-applier';
import { VALID } from '../mapping/fixtures';
import { useWorkspace } from './support';

describe('createWorkspaceApplier', () => {
  const open = useWorkspace();

  it("picks the applier of the mapping's import type", () => {
    const db = open();
    expect(createWorkspaceApplier(db, VALID.customers())).toBeInstanceOf(CustomersApplier);
    expect(createWorkspaceApplier(db, VALID.events(), 'run-1')).toBeInstanceOf(EventsApplier);
    expect(createWorkspaceApplier(db, VALID.catalog())).toBeInstanceOf(CatalogApplier);
    expect(createWorkspaceApplier(db, VALID.identity())).toBeInstanceOf(IdentityApplier);
    expect(createWorkspaceApplier(db, VALID.group())).toBeInstanceOf(GroupApplier);
    expect(createWorkspaceApplier(db, VALID.vouchers())).toBeInstanceOf(VouchersApplier);
  });
});
