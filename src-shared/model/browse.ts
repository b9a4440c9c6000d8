/** One page of a workspace-browser grid. */
export interface Page<T> {
  offset: number;
  total: number;
  items: T[];
}

export interface CustomerId {
  idType: string;
  value: string;
}

/**
 * Why a customer is in a search's results: one of its IDs contains the search text, or (when none
 * does) a contact attribute's value starts with it. `at` and `length` mark the matched part of `value`.
 */
export type CustomerMatch =
  | { kind: 'id'; idType: string; value: string; at: number; length: number }
  | { kind: 'attribute'; name: string; value: string; at: number; length: number };

/** A customer in the customers grid. */
export interface CustomerSummary {
  id: number;
  ids: CustomerId[];
  attributeCount: number;
  eventCount: number;
  updatedAt: string;
  /** Set while searching: what matched (ID matches are listed before attribute matches). */
  match?: CustomerMatch;
}

/** An attribute on a customer's profile; value is the stored JSON value, null for a blank. */
export interface ProfileAttribute {
  name: string;
  type: string;
  value: unknown;
  /** The data's update time (update_timestamp, else the processing time), ISO with microseconds. */
  updatedAt: string;
}

export interface CustomerProfile {
  id: number;
  ids: CustomerId[];
  attributes: ProfileAttribute[];
  eventCount: number;
  createdAt: string;
  updatedAt: string;
}

/** An event as the timeline and the events grid show it. */
export interface EventItem {
  id: number;
  customerId: number;
  eventType: string;
  /** ISO 8601 UTC with microseconds. */
  timestamp: string;
  attributes: Record<string, unknown>;
  attributeTypes: Record<string, string>;
  runId: string | null;
  processedAt: string;
}

export interface EventTypeSummary {
  eventType: string;
  count: number;
  first: string;
  last: string;
}

export interface CatalogSummary {
  name: string;
  kind: 'general' | 'product';
  searchable: string[];
  itemCount: number;
  createdAt: string;
}

export interface CatalogItem {
  itemId: string;
  productId: string | null;
  attributes: Record<string, unknown>;
  updatedAt: string;
}

export interface IdentityLink {
  matchType: string;
  matchValue: string;
  idType: string;
  idValue: string;
  timestamp: string | null;
  linkedAt: string;
  expiresAt: string;
}

export interface GroupSummary {
  groupId: string;
  members: number;
}

export interface GroupMember {
  groupId: string;
  userIdType: string;
  userId: string;
  cursor: string;
  updatedAt: string;
  expiresAt: string | null;
}

export interface VoucherPoolSummary {
  name: string;
  codes: number;
  createdAt: string;
}

export interface VoucherCode {
  code: string;
  importedAt: string;
}
