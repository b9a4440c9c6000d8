import { describe, expect, it } from 'vitest';
import { guessRoles, initialMapping, type SourceColumn } from '../../../src-shared/mapping/initial-mapping';
import { requirementsOf } from '../../../src-shared/mapping/requirements';
import type { Attribute } from '../../../src-shared/model/id-type';
import { ImportMappingSchema } from '../../../src-shared/schemas/mapping';
import { ID_TYPES, col, mappingOf } from './fixtures';

const text = (...names: string[]): SourceColumn[] => names.map((name) => ({ name, type: 'text' }));

describe('initialMapping', () => {
  it('includes every column under its own name, typed as detected', () => {
    const columns: SourceColumn[] = [
      { name: 'name', type: 'text' },
      { name: 'age', type: 'number' },
      { name: 'tags', type: 'list' },
    ];
    const { mapping, matches } = initialMapping(columns, 'customers', [], ID_TYPES, 'Europe/Prague');
    expect(mapping.columns).toEqual([
      col('name'),
      col('age', { type: 'number' }),
      col('tags', { type: 'list' }),
    ]);
    expect(matches).toEqual([null, null, null]);
    expect(mapping.importType).toBe('customers');
    expect(mapping.options.timeZone).toBe('Europe/Prague');
    expect(mapping.statics).toEqual([]);
    expect(ImportMappingSchema.safeParse(mapping).success).toBe(true);
  });

  it('trims surrounding spaces from new attribute names, not from the source', () => {
    const { mapping } = initialMapping(text('  nickname '), 'customers', [], ID_TYPES, 'UTC');
    expect(mapping.columns[0]).toMatchObject({ source: '  nickname ', target: 'nickname' });
  });

  it('tags a column named after an ID type as an ID of that type', () => {
    const { mapping } = initialMapping(text('email', 'registered'), 'customers', [], ID_TYPES, 'UTC');
    expect(mapping.columns[1]).toMatchObject({
      role: 'id',
      idType: 'registered',
      include: false,
      trim: true,
      type: 'text',
    });
    expect(mapping.columns[0]?.role).toBeNull();
  });

  it('guesses ID columns from common headers in the mapping step, never taking an ID type twice', () => {
    const { mapping } = initialMapping(
      text('id', 'Customer ID', 'Email Address', 'phone', 'name'),
      'customers',
      [],
      ID_TYPES,
      'UTC',
      { idAliases: true },
    );
    expect(
      mapping.columns.map((column) => [column.source, column.role, column.idType, column.include]),
    ).toEqual([
      ['id', 'id', 'registered', true],
      // registered is taken: the second user ID is left for the user to decide.
      ['Customer ID', null, null, true],
      // A guess never drops a column: it still imports as its attribute.
      ['Email Address', 'id', 'email_id', true],
      // The workspace has no phone ID type: not guessed.
      ['phone', null, null, true],
      ['name', null, null, true],
    ]);
  });

  it('guesses each ID header a new user tried (issue 16), phone once the workspace has a phone ID type', () => {
    const withPhone = [...ID_TYPES, { name: 'phone_id', kind: 'soft' as const }];
    const guessed = (header: string) =>
      initialMapping(text(header, 'city'), 'customers', [], withPhone, 'UTC', { idAliases: true }).mapping
        .columns[0];
    expect(
      ['customer_id', 'id', 'user_id', 'email', 'email_address', 'phone'].map((header) => [
        header,
        guessed(header)?.role,
        guessed(header)?.idType,
      ]),
    ).toEqual([
      ['customer_id', 'id', 'registered'],
      ['id', 'id', 'registered'],
      ['user_id', 'id', 'registered'],
      ['email', 'id', 'email_id'],
      ['email_address', 'id', 'email_id'],
      ['phone', 'id', 'phone_id'],
    ]);
  });

  it("lets a header that is an ID type's own name win over an alias, and leaves aliases to the UI", () => {
    const guessed = initialMapping(text('email', 'email_id'), 'customers', [], ID_TYPES, 'UTC', {
      idAliases: true,
    }).mapping;
    expect(guessed.columns.map((column) => [column.role, column.idType])).toEqual([
      [null, null],
      ['id', 'email_id'],
    ]);
    const quick = initialMapping(text('email', 'user_id'), 'customers', [], ID_TYPES, 'UTC').mapping;
    expect(quick.columns.every((column) => column.role === null)).toBe(true);
    const catalog = initialMapping(text('id', 'title'), 'catalog', [], ID_TYPES, 'UTC', { idAliases: true });
    expect(catalog.mapping.columns[0]?.role).not.toBe('id');
  });

  it('matches ID type names in any case or spelling', () => {
    const { mapping } = initialMapping(
      text('Cookie', 'REGISTERED', 'Email ID'),
      'customers',
      [],
      ID_TYPES,
      'UTC',
    );
    expect(mapping.columns.map((column) => [column.role, column.idType])).toEqual([
      ['id', 'cookie'],
      ['id', 'registered'],
      ['id', 'email_id'],
    ]);
  });

  it('tags one column per ID type', () => {
    const { mapping } = initialMapping(text('registered', 'Registered'), 'customers', [], ID_TYPES, 'UTC');
    expect(mapping.columns.map((column) => column.role)).toEqual(['id', null]);
    expect(requirementsOf(mapping).every((r) => r.met)).toBe(true);
  });

  it('tags a timestamp in an events import', () => {
    const { mapping } = initialMapping(
      text('registered', 'timestamp', 'price'),
      'events',
      [],
      ID_TYPES,
      'UTC',
    );
    expect(mapping.columns[1]).toMatchObject({ role: 'timestamp', type: 'datetime', include: false });
    expect(mapping.columns[2]?.role).toBeNull();
  });

  it('does not tag a timestamp in a customers import', () => {
    const { mapping } = initialMapping(text('registered', 'timestamp'), 'customers', [], ID_TYPES, 'UTC');
    expect(mapping.columns[1]).toMatchObject({ role: null, include: true, type: 'text' });
  });

  it('reads event_time and Event Time as the timestamp, once', () => {
    const { mapping } = initialMapping(text('Event Time', 'timestamp'), 'events', [], ID_TYPES, 'UTC');
    expect(mapping.columns.map((column) => column.role)).toEqual(['timestamp', null]);
  });

  it.each([
    ['catalog', ['item_id', 'product_id', 'title'], ['item_id', null, null]],
    ['group', ['registered', 'group_id', 'cursor', 'is_deleted'], ['id', 'group_id', 'cursor', 'is_deleted']],
    ['vouchers', ['code'], ['voucher_code']],
    ['vouchers', ['Voucher Code'], ['voucher_code']],
    ['identity', ['match_key', 'registered', 'timestamp'], ['match_key', null, 'timestamp']],
    ['customers', ['registered', 'update_timestamp', 'item_id'], ['id', 'update_timestamp', null]],
  ] as const)('guesses the roles of a %s import from %j', (type, names, roles) => {
    const { mapping } = initialMapping(text(...names), type, [], ID_TYPES, 'UTC');
    expect(mapping.columns.map((column) => column.role)).toEqual(roles);
  });

  it('tags product_id only in a product catalog (a general catalog would refuse it)', () => {
    const { mapping } = initialMapping(text('item_id', 'product_id'), 'catalog', [], ID_TYPES, 'UTC');
    const product = guessRoles(
      { ...mapping, options: { ...mapping.options, catalogKind: 'product' } },
      ID_TYPES,
    );
    expect(product.columns.map((column) => column.role)).toEqual(['item_id', 'product_id']);
  });

  it('keeps item_id and product_id imported', () => {
    const { mapping } = initialMapping(text('item_id', 'product_id'), 'catalog', [], ID_TYPES, 'UTC');
    expect(mapping.columns.map((column) => column.include)).toEqual([true, true]);
  });

  it('makes a mapping the requirements accept for a typical events file', () => {
    const { mapping } = initialMapping(
      text('registered', 'timestamp', 'price'),
      'events',
      [],
      ID_TYPES,
      'UTC',
    );
    const withEvent = { ...mapping, options: { ...mapping.options, eventType: 'purchase' } };
    expect(requirementsOf(withEvent).filter((r) => !r.met)).toEqual([]);
  });

  describe('existing attributes', () => {
    const attributes: Attribute[] = [
      { name: 'first_name', type: 'text' },
      { name: 'birthday', type: 'date' },
      { name: 'score', type: 'number' },
    ];

    it('maps a column to the attribute it matches, with its type', () => {
      const columns: SourceColumn[] = [
        { name: 'First Name', type: 'text' },
        { name: 'birthday', type: 'text' },
        { name: 'nickname', type: 'text' },
      ];
      const { mapping, matches } = initialMapping(columns, 'customers', attributes, ID_TYPES, 'UTC');
      expect(mapping.columns[0]).toMatchObject({ source: 'First Name', target: 'first_name', type: 'text' });
      expect(mapping.columns[1]).toMatchObject({ source: 'birthday', target: 'birthday', type: 'date' });
      expect(mapping.columns[2]).toMatchObject({ target: 'nickname', type: 'text' });
      expect(matches[0]).toMatchObject({ attribute: 'first_name' });
      expect(matches[1]).toMatchObject({ attribute: 'birthday', how: 'exact' });
      expect(matches[2]).toBeNull();
    });

    it("lets an attribute's type win over the detected one", () => {
      const { mapping } = initialMapping(
        [{ name: 'score', type: 'text' }],
        'customers',
        attributes,
        ID_TYPES,
        'UTC',
      );
      expect(mapping.columns[0]?.type).toBe('number');
    });

    it('gives one attribute to one column only', () => {
      const columns = text('score', 'Score');
      const { mapping, matches } = initialMapping(columns, 'customers', attributes, ID_TYPES, 'UTC');
      expect(matches.filter((match) => match?.attribute === 'score')).toHaveLength(1);
      expect(mapping.columns.filter((column) => column.target === 'score')).toHaveLength(1);
    });

    it("still forces a role's type on a matched column", () => {
      const { mapping } = initialMapping(
        [{ name: 'timestamp', type: 'text' }],
        'events',
        [{ name: 'timestamp', type: 'number' }],
        ID_TYPES,
        'UTC',
      );
      expect(mapping.columns[0]).toMatchObject({ role: 'timestamp', type: 'datetime' });
    });
  });
});

describe('guessRoles', () => {
  it('leaves tagged columns and taken roles alone', () => {
    const mapping = mappingOf('events', [
      col('when', { role: 'timestamp', type: 'datetime', include: false }),
      col('timestamp'),
    ]);
    const next = guessRoles(mapping, ID_TYPES);
    expect(next.columns.map((column) => column.role)).toEqual(['timestamp', null]);
    expect(next.columns[0]).toBe(mapping.columns[0]);
  });

  it('does not reuse an ID type already on a column', () => {
    const mapping = mappingOf('customers', [
      col('user', { role: 'id', idType: 'registered', include: false, trim: true }),
      col('registered'),
    ]);
    expect(guessRoles(mapping, ID_TYPES).columns[1]?.role).toBeNull();
  });

  it('knows only the ID types of the workspace', () => {
    const mapping = mappingOf('customers', [col('registered'), col('customer_number')]);
    const next = guessRoles(mapping, [{ name: 'customer_number', kind: 'hard' }]);
    expect(next.columns.map((column) => [column.role, column.idType])).toEqual([
      [null, null],
      ['id', 'customer_number'],
    ]);
  });
});
