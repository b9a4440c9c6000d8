import { describe, expect, it } from 'vitest';
import { COLUMN_TYPES } from '../../../src-shared/model/column-type';
import {
  ID_TYPED_ROLES,
  IMPORT_TYPES,
  IMPORT_TYPE_LABELS,
  IMPORT_TYPE_ROLES,
  ROLES,
  ROLE_LABELS,
  ROLE_TYPES,
  SINGLE_COLUMN_ROLES,
  includedByDefault,
} from '../../../src-shared/model/import-type';

describe('import types', () => {
  it('lists the six import types of DESIGN.md §4, each with a label', () => {
    expect([...IMPORT_TYPES]).toEqual(['customers', 'events', 'catalog', 'identity', 'group', 'vouchers']);
    for (const type of IMPORT_TYPES) expect(IMPORT_TYPE_LABELS[type]).toMatch(/\S/);
  });

  it('gives every role a label and a data type', () => {
    for (const role of ROLES) {
      expect(ROLE_LABELS[role]).toMatch(/\S/);
      expect(COLUMN_TYPES).toContain(ROLE_TYPES[role]);
    }
  });

  it.each([
    ['id', 'text'],
    ['match_key', 'text'],
    ['identifier', 'text'],
    ['item_id', 'text'],
    ['product_id', 'text'],
    ['group_id', 'text'],
    ['voucher_code', 'text'],
    ['timestamp', 'datetime'],
    ['update_timestamp', 'datetime'],
    ['cursor', 'datetime'],
    ['is_deleted', 'boolean'],
  ] as const)('reads %s values as %s', (role, type) => {
    expect(ROLE_TYPES[role]).toBe(type);
  });

  it.each([
    ['customers', ['id'], ['id', 'update_timestamp']],
    ['events', ['id', 'timestamp'], ['id', 'timestamp']],
    ['catalog', ['item_id'], ['item_id', 'product_id']],
    ['identity', ['match_key', 'identifier'], ['match_key', 'identifier', 'timestamp']],
    ['group', ['id', 'group_id', 'cursor'], ['id', 'group_id', 'cursor', 'is_deleted']],
    ['vouchers', ['voucher_code'], ['voucher_code']],
  ] as const)('%s requires %j and offers %j', (type, required, allowed) => {
    expect([...IMPORT_TYPE_ROLES[type].required]).toEqual(required);
    expect([...IMPORT_TYPE_ROLES[type].allowed].sort()).toEqual([...allowed].sort());
  });

  it.each(IMPORT_TYPES)('%s requires only roles it offers', (type) => {
    const { allowed, required } = IMPORT_TYPE_ROLES[type];
    for (const role of required) expect(allowed).toContain(role);
  });

  it('offers every role in some import type', () => {
    const offered = new Set(IMPORT_TYPES.flatMap((type) => IMPORT_TYPE_ROLES[type].allowed));
    expect([...offered].sort()).toEqual([...ROLES].sort());
  });

  it('types IDs, match keys and identifiers with an ID type', () => {
    expect([...ID_TYPED_ROLES].sort()).toEqual(['id', 'identifier', 'match_key']);
  });

  it('lets only the customer ID sit on several columns', () => {
    expect(SINGLE_COLUMN_ROLES).not.toContain('id');
    expect(SINGLE_COLUMN_ROLES).toHaveLength(ROLES.length - 1);
  });

  it('imports untagged, item_id and product_id columns by default, not the other roles', () => {
    expect(includedByDefault(null)).toBe(true);
    expect(includedByDefault('item_id')).toBe(true);
    expect(includedByDefault('product_id')).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'item_id' && r !== 'product_id')) {
      expect(includedByDefault(role), role).toBe(false);
    }
  });
});
