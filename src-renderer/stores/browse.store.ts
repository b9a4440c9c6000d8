import { create } from 'zustand';
import { showPage } from './navigation.store';

/** The tabs of the workspace browser (the Data page), one per kind of imported data. */
export type BrowseTab = 'customers' | 'events' | 'catalogs' | 'identity' | 'groups' | 'vouchers';

interface BrowseState {
  tab: BrowseTab;
  /** Search texts as typed; the tabs debounce them before asking the host. */
  customerSearch: string;
  catalogSearch: string;
  identitySearch: string;
  /** What is selected in each tab (null: nothing open). */
  customerId: number | null;
  eventType: string | null;
  catalog: string | null;
  groupId: string | null;
  pool: string | null;
  /** Bumped by Refresh: every browser query asks again, keeping its page. */
  revision: number;
}

/**
 * What the workspace browser shows: its tab, search texts and selections. The data pages
 * themselves are fetched by the components that show them, so they never pile up here.
 */
export const useBrowseStore = create<BrowseState>(() => ({
  tab: 'customers',
  customerSearch: '',
  catalogSearch: '',
  identitySearch: '',
  customerId: null,
  eventType: null,
  catalog: null,
  groupId: null,
  pool: null,
  revision: 0,
}));

/** Shows a tab of the workspace browser, switching to the Data page (for links from other pages). */
export function showBrowseTab(tab: BrowseTab): void {
  useBrowseStore.setState({ tab });
  showPage('data');
}

/** Opens a customer's profile on the Data page (for links from other pages, e.g. a run's detail). */
export function openCustomer(customerId: number): void {
  useBrowseStore.setState({ tab: 'customers', customerId });
  showPage('data');
}

/** Closes the open customer profile. */
export function closeCustomer(): void {
  useBrowseStore.setState({ customerId: null });
}

export function setCustomerSearch(customerSearch: string): void {
  useBrowseStore.setState({ customerSearch });
}

export function setCatalogSearch(catalogSearch: string): void {
  useBrowseStore.setState({ catalogSearch });
}

export function setIdentitySearch(identitySearch: string): void {
  useBrowseStore.setState({ identitySearch });
}

export function selectEventType(eventType: string | null): void {
  useBrowseStore.setState({ eventType });
}

/** Selects a catalog; its item search starts empty, since item IDs differ between catalogs. */
export function selectCatalog(catalog: string | null): void {
  useBrowseStore.setState({ catalog, catalogSearch: '' });
}

export function selectGroup(groupId: string | null): void {
  useBrowseStore.setState({ groupId });
}

export function selectPool(pool: string | null): void {
  useBrowseStore.setState({ pool });
}

/** Asks every browser query again (new runs may have written data since). */
export function refreshBrowse(): void {
  useBrowseStore.setState((state) => ({ revision: state.revision + 1 }));
}
