import { z } from 'zod';

const Offset = z.number().int().min(0).default(0);
const Limit = z.number().int().min(1).max(500).default(50);
const Name = z.string().min(1).max(256);
const Search = z.string().max(256).default('');

/** A page of a grid, with an optional search text. */
export const PageSchema = z.object({ offset: Offset, limit: Limit }).strict();
export const SearchPageSchema = z.object({ search: Search, offset: Offset, limit: Limit }).strict();

export const CustomerIdSchema = z.object({ customerId: z.number().int().min(1) }).strict();
export const CustomerEventsSchema = z
  .object({ customerId: z.number().int().min(1), offset: Offset, limit: Limit })
  .strict();
export const EventsByTypeSchema = z.object({ eventType: Name, offset: Offset, limit: Limit }).strict();
export const CatalogItemsSchema = z
  .object({ catalog: Name, search: Search, offset: Offset, limit: Limit })
  .strict();
export const GroupMembersSchema = z.object({ groupId: Name, offset: Offset, limit: Limit }).strict();
export const VoucherCodesSchema = z.object({ pool: Name, offset: Offset, limit: Limit }).strict();
