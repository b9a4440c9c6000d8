import type { ComponentType } from 'react';
import { refreshBrowse, useBrowseStore, type BrowseTab } from '../../stores/browse.store';
import { BROWSE_PANEL_ID, BrowseTabs, tabElementId } from './BrowseTabs';
import { CatalogsTab } from './CatalogsTab';
import { CustomersTab } from './CustomersTab';
import { EventsTab } from './EventsTab';
import { GroupsTab } from './GroupsTab';
import { IdentityTab } from './IdentityTab';
import { VouchersTab } from './VouchersTab';

const PANELS: Record<BrowseTab, ComponentType> = {
  customers: CustomersTab,
  events: EventsTab,
  catalogs: CatalogsTab,
  identity: IdentityTab,
  groups: GroupsTab,
  vouchers: VouchersTab,
};

/** The workspace browser: what the imports have written, one tab per kind of data. */
export function DataPage() {
  const tab = useBrowseStore((state) => state.tab);
  const Panel = PANELS[tab];
  return (
    <div className="page browse-page">
      <header className="page__header">
        <h1>Data</h1>
        <button
          type="button"
          className="browse-page__refresh"
          onClick={refreshBrowse}
          title="Read the workspace again, e.g. after a run"
          data-testid="browse-refresh"
        >
          Refresh
        </button>
      </header>
      <BrowseTabs />
      <div role="tabpanel" id={BROWSE_PANEL_ID} aria-labelledby={tabElementId(tab)} className="browse-panel">
        <Panel />
      </div>
    </div>
  );
}
