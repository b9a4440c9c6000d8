import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { listCatalogItems, listCatalogs } from './catalogs-query';
import { getCustomerProfile, listCustomerEvents } from './customer-profile-query';
import { listCustomers } from './customers-query';
import { listEventsOfType, listEventTypes } from './events-query';
import { listGroupMembers, listGroups } from './groups-query';
import { listIdentityLinks } from './identity-query';
import { listVoucherCodes, listVoucherPools } from './vouchers-query';

/** Requests of the `browse` domain: read-only pages of the data imports wrote to the workspace. */
export function createBrowseHandlers(deps: { db: Database }): BrowseHandlers {
  const { db } = deps;
  return {
    'browse:customers': (page) => listCustomers(db, page),
    'browse:customer': ({ customerId }) => getCustomerProfile(db, customerId),
    'browse:customerEvents': (page) => listCustomerEvents(db, page),
    'browse:eventTypes': () => listEventTypes(db),
    'browse:events': (page) => listEventsOfType(db, page),
    'browse:catalogs': () => listCatalogs(db),
    'browse:catalogItems': (page) => listCatalogItems(db, page),
    'browse:identityLinks': (page) => listIdentityLinks(db, page),
    'browse:groups': (page) => listGroups(db, page),
    'browse:groupMembers': (page) => listGroupMembers(db, page),
    'browse:voucherPools': () => listVoucherPools(db),
    'browse:voucherCodes': (page) => listVoucherCodes(db, page),
  };
}

type BrowseHandlers = Pick<
  Handlers,
  | 'browse:customers'
  | 'browse:customer'
  | 'browse:customerEvents'
  | 'browse:eventTypes'
  | 'browse:events'
  | 'browse:catalogs'
  | 'browse:catalogItems'
  | 'browse:identityLinks'
  | 'browse:groups'
  | 'browse:groupMembers'
  | 'browse:voucherPools'
  | 'browse:voucherCodes'
>;
