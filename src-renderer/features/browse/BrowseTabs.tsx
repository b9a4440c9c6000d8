import type { KeyboardEvent } from 'react';
import { showBrowseTab, useBrowseStore, type BrowseTab } from '../../stores/browse.store';

/** The tabs in order, with their labels. */
export const BROWSE_TABS: { tab: BrowseTab; label: string }[] = [
  { tab: 'customers', label: 'Customers' },
  { tab: 'events', label: 'Events' },
  { tab: 'catalogs', label: 'Catalogs' },
  { tab: 'identity', label: 'Identity links' },
  { tab: 'groups', label: 'Groups' },
  { tab: 'vouchers', label: 'Vouchers' },
];

/** The element ids that tie a tab to the panel (one Data page exists at a time). */
export const tabElementId = (tab: BrowseTab) => `browse-tab-${tab}`;
export const BROWSE_PANEL_ID = 'browse-panel';

/** The browser's tab list: arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern). */
export function BrowseTabs() {
  const current = useBrowseStore((state) => state.tab);
  return (
    <div className="browse-tabs" role="tablist" aria-label="Kinds of data" onKeyDown={moveBetweenTabs}>
      {BROWSE_TABS.map(({ tab, label }) => (
        <button
          key={tab}
          type="button"
          role="tab"
          id={tabElementId(tab)}
          className={tab === current ? 'browse-tab browse-tab--active' : 'browse-tab'}
          aria-selected={tab === current}
          aria-controls={tab === current ? BROWSE_PANEL_ID : undefined}
          tabIndex={tab === current ? 0 : -1}
          onClick={() => showBrowseTab(tab)}
          data-testid={tabElementId(tab)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function moveBetweenTabs(event: KeyboardEvent<HTMLDivElement>): void {
  const index = BROWSE_TABS.findIndex(({ tab }) => tab === useBrowseStore.getState().tab);
  const last = BROWSE_TABS.length - 1;
  const next =
    event.key === 'ArrowRight'
      ? (index + 1) % BROWSE_TABS.length
      : event.key === 'ArrowLeft'
        ? (index + last) % BROWSE_TABS.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? last
            : null;
  const target = next === null ? undefined : BROWSE_TABS[next];
  if (!target) return;
  event.preventDefault();
  showBrowseTab(target.tab);
  document.getElementById(tabElementId(target.tab))?.focus();
}
