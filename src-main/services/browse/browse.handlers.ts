import type { Handlers } from '../../../src-shared/contract';
import type { HandlerContext } from '../handler-context';
import { listCatalogItems, listCatalogs } from './catalogs-query';
import { getCustomerProfile, listCustomerEvents } from './customer-profile-query';
import { listCustomers } from './customers-query';
import { listEventsOfType, listEventTypes } from './events-query';
import { listGroupMembers, listGroups } from './groups-query';
import { listIdentityLinks } from './identity-query';
import { listVoucherCodes, listVoucherPools } from './vouchers-query';

/** Requests of the `browse` domain: read-only pages of the data imports wrote to the workspace. */
export const browseHandlers = {
  'browse:customers': (page, context) => listCustomers(context.workspace.db, page),
  'browse:customer': ({ customerId }, context) => getCustomerProfile(context.workspace.db, customerId),
  'browse:customerEvents': (page, context) => listCustomerEvents(context.workspace.db, page),
  'browse:eventTypes': (_payload, context) => listEventTypes(context.workspace.db),
  'browse:events': (page, context) => listEventsOfType(context.workspace.db, page),
  'browse:catalogs': (_payload, context) => listCatalogs(context.workspace.db),
  'browse:catalogItems': (page, context) => listCatalogItems(context.workspace.db, page),
  'browse:identityLinks': (page, context) => listIdentityLinks(context.workspace.db, page),
  'browse:groups': (page, context) => listGroups(context.workspace.db, page),
  'browse:groupMembers': (page, context) => listGroupMembers(context.workspace.db, page),
  'browse:voucherPools': (_payload, context) => listVoucherPools(context.workspace.db),
  'browse:voucherCodes': (page, context) => listVoucherCodes(context.workspace.db, page),
} satisfies Pick<
  Handlers<HandlerContext>,
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
