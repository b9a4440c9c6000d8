import { describe, expect, it } from 'vitest';
import { CatalogApplier } from '../../../src-main/services/destinations/workspace/catalog-applier';
import { createWorkspaceApplier } from '../../../src-main/services/destinations/workspace/create-applier';
import { CustomersApplier } from '../../../src-main/services/destinations/workspace/customers-applier';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import { GroupApplier } from '../../../src-main/services/destinations/workspace/group-applier';
import { IdentityApplier } from '../../../src-main/services/destinations/workspace/identity-applier';
import { VouchersApplier } from '../../../src-main/services/destinations/workspace/vouchers-applier';
import { VALID } from '../mapping/fixtures';
import { NO_IMPORT, useWorkspace } from './support';

describe('createWorkspaceApplier', () => {
  const open = useWorkspace();

  it("picks the applier of the mapping's import type", () => {
    const db = open();
    expect(createWorkspaceApplier(db, VALID.customers(), NO_IMPORT)).toBeInstanceOf(CustomersApplier);
    expect(
      createWorkspaceApplier(db, VALID.events(), { runId: 'run-1', importId: 'import-1' }),
    ).toBeInstanceOf(EventsApplier);
    expect(createWorkspaceApplier(db, VALID.catalog(), NO_IMPORT)).toBeInstanceOf(CatalogApplier);
    expect(createWorkspaceApplier(db, VALID.identity(), NO_IMPORT)).toBeInstanceOf(IdentityApplier);
    expect(createWorkspaceApplier(db, VALID.group(), NO_IMPORT)).toBeInstanceOf(GroupApplier);
    expect(createWorkspaceApplier(db, VALID.vouchers(), NO_IMPORT)).toBeInstanceOf(VouchersApplier);
  });
});
