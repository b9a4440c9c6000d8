import { describe, expect, it } from 'vitest';
import {
  addStatic,
  beforeValueMapping,
  removeStatic,
  setIdType,
  setImportType,
  setInclude,
  setOptions,
  setRole,
  setSearchable,
  setTarget,
  setTransforms,
  setType,
  setValueMapping,
  suggestedStatic,
} from '../../../src-shared/mapping/mapping-edits';
import { hashesColumn } from '../../../src-shared/mapping/personal-data';
import { requirementsOf } from '../../../src-shared/mapping/requirements';
import type { CleanupStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { StaticColumnSchema } from '../../../src-shared/schemas/mapping';
import { ID_TYPES, col, idCol, mappingOf, roleCol } from './fixtures';

const base = () =>
  mappingOf('customers', [col('user', { type: 'number' }), col('email'), col('updated'), col('notes')]);

describe('setRole', () => {
  it('tags an ID: text, trimmed, not imported, with the first ID type', () => {
    const next = setRole(base(), 0, 'id', ID_TYPES);
    expect(next.columns[0]).toEqual(
      col('user', { role: 'id', type: 'text', include: false, trim: true, idType: 'registered' }),
    );
  });

  it('gives the next ID column the first ID type no other column uses', () => {
    let next = setRole(base(), 0, 'id', ID_TYPES);
    next = setRole(next, 1, 'id', ID_TYPES);
    expect(next.columns[1]?.idType).toBe('cookie');
    next = setRole(next, 3, 'id', ID_TYPES);
    expect(next.columns[3]?.idType).toBe('email_id');
  });

  it('falls back to the first ID type when all are taken', () => {
    let next = base();
    for (const index of [0, 1, 2, 3]) next = setRole(next, index, 'id', ID_TYPES);
    expect(next.columns.map((column) => column.idType)).toEqual([
      'registered',
      'cookie',
      'email_id',
      'registered',
    ]);
  });

  it('keeps an ID type the column already has', () => {
    const mapping = mappingOf('identity', [col('email', { idType: 'email_id' })]);
    expect(setRole(mapping, 0, 'match_key', ID_TYPES).columns[0]?.idType).toBe('email_id');
  });

  it('leaves the ID type empty when the workspace has none', () => {
    expect(setRole(base(), 0, 'id', []).columns[0]?.idType).toBeNull();
  });

  it.each([
    ['timestamp', 'datetime', false],
    ['update_timestamp', 'datetime', false],
    ['cursor', 'datetime', false],
    ['is_deleted', 'boolean', false],
    ['group_id', 'text', true],
    ['voucher_code', 'text', true],
  ] as const)(
    'forces %s columns to %s, not imported, without an ID type (keys trimmed: %s)',
    (role, type, trim) => {
      const mapping = mappingOf('customers', [col('c', { type: 'number', idType: 'cookie' })]);
      const column = setRole(mapping, 0, role, ID_TYPES).columns[0];
      expect(column).toMatchObject({ role, type, include: false, idType: null, trim });
    },
  );

  it.each(['item_id', 'product_id'] as const)('keeps a %s column imported', (role) => {
    const mapping = mappingOf('catalog', [col('c', { type: 'number', searchable: true })]);
    expect(setRole(mapping, 0, role, ID_TYPES).columns[0]).toMatchObject({
      role,
      type: 'text',
      include: true,
      searchable: true,
    });
  });

  it.each(['match_key', 'identifier'] as const)('trims %s values and gives them an ID type', (role) => {
    const mapping = mappingOf('identity', [col('c')]);
    expect(setRole(mapping, 0, role, ID_TYPES).columns[0]).toMatchObject({
      role,
      trim: true,
      include: false,
      idType: 'registered',
    });
  });

  it('clears the ID type when an ID becomes another role', () => {
    const mapping = mappingOf('group', [idCol('registered')]);
    expect(setRole(mapping, 0, 'group_id', ID_TYPES).columns[0]).toMatchObject({
      role: 'group_id',
      idType: null,
    });
  });

  it('clearing a role imports the column again, without an ID type', () => {
    const tagged = setRole(base(), 0, 'id', ID_TYPES);
    const cleared = setRole(tagged, 0, null, ID_TYPES);
    expect(cleared.columns[0]).toMatchObject({ role: null, idType: null, include: true });
  });

  it('changes nothing else, and leaves the input untouched', () => {
    const mapping = base();
    const snapshot = structuredClone(mapping);
    const next = setRole(mapping, 0, 'id', ID_TYPES);
    expect(mapping).toEqual(snapshot);
    expect(next).not.toBe(mapping);
    expect(next.columns.slice(1)).toEqual(mapping.columns.slice(1));
    expect(next.columns[1]).toBe(mapping.columns[1]);
    expect(next.options).toBe(mapping.options);
  });

  it('makes a mapping the requirements accept', () => {
    const next = setOptions(setRole(setRole(base(), 0, 'id', ID_TYPES), 2, 'timestamp', ID_TYPES), {
      eventType: 'login',
    });
    expect(requirementsOf({ ...next, importType: 'events' }).every((r) => r.met)).toBe(true);
  });
});

describe('setImportType', () => {
  const tagged = () =>
    mappingOf('customers', [idCol('registered'), roleCol('updated', 'update_timestamp'), col('name')]);

  it('keeps roles the new type offers', () => {
    const next = setImportType(tagged(), 'events');
    expect(next.importType).toBe('events');
    expect(next.columns[0]).toEqual(tagged().columns[0]);
  });

  it('clears roles the new type does not offer and imports their columns', () => {
    const next = setImportType(tagged(), 'events');
    expect(next.columns[1]).toMatchObject({ role: null, idType: null, include: true });
  });

  it('clears customer IDs when switching to a catalog', () => {
    const next = setImportType(tagged(), 'catalog');
    expect(next.columns.map((column) => column.role)).toEqual([null, null, null]);
    expect(next.columns[0]).toMatchObject({ idType: null, include: true });
  });

  it('clears the event timestamp when switching to customers', () => {
    const events = mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp')]);
    expect(setImportType(events, 'customers').columns.map((column) => column.role)).toEqual(['id', null]);
  });

  it('keeps the timestamp when switching events to identity', () => {
    const events = mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp')]);
    expect(setImportType(events, 'identity').columns.map((column) => column.role)).toEqual([
      null,
      'timestamp',
    ]);
  });

  it('leaves untagged columns as they are', () => {
    const mapping = tagged();
    expect(setImportType(mapping, 'vouchers').columns[2]).toBe(mapping.columns[2]);
  });
});

describe('setType', () => {
  const catalog = () => mappingOf('catalog', [col('tags', { searchable: true })]);

  it.each(['list', 'json'] as const)('makes a %s field not searchable', (type) => {
    expect(setType(catalog(), 0, type).columns[0]).toMatchObject({ type, searchable: false });
  });

  it.each(['text', 'number', 'long_text', 'date'] as const)('keeps a %s field searchable', (type) => {
    expect(setType(catalog(), 0, type).columns[0]).toMatchObject({ type, searchable: true });
  });
});

describe('setTransforms', () => {
  it('keeps IDs trimmed', () => {
    const mapping = mappingOf('customers', [idCol('registered')]);
    expect(setTransforms(mapping, 0, { trim: false }).columns[0]?.trim).toBe(true);
  });

  it.each(['match_key', 'identifier'] as const)('keeps %s trimmed', (role) => {
    const mapping = mappingOf('identity', [roleCol('c', role, { idType: 'cookie', trim: true })]);
    expect(setTransforms(mapping, 0, { trim: false }).columns[0]?.trim).toBe(true);
  });

  it('turns trimming off and on for other columns', () => {
    const mapping = mappingOf('customers', [col('name', { trim: true })]);
    const off = setTransforms(mapping, 0, { trim: false });
    expect(off.columns[0]?.trim).toBe(false);
    expect(setTransforms(off, 0, { trim: true }).columns[0]?.trim).toBe(true);
  });

  it('keeps trimming as it was when the change does not mention it', () => {
    const mapping = mappingOf('customers', [col('name', { trim: true })]);
    expect(setTransforms(mapping, 0, { lowercase: true }).columns[0]).toMatchObject({
      trim: true,
      lowercase: true,
    });
  });

  it("sets and clears a column's time zone", () => {
    const mapping = mappingOf('customers', [col('at', { type: 'datetime' })]);
    const zoned = setTransforms(mapping, 0, { timeZone: 'Asia/Tokyo' });
    expect(zoned.columns[0]?.timeZone).toBe('Asia/Tokyo');
    expect(setTransforms(zoned, 0, { timeZone: null }).columns[0]?.timeZone).toBeNull();
  });

  it('lowercases IDs on request', () => {
    const mapping = mappingOf('customers', [idCol('email', 'email_id')]);
    expect(setTransforms(mapping, 0, { lowercase: true }).columns[0]).toMatchObject({
      lowercase: true,
      trim: true,
    });
  });
  it('sends a personal-data column unhashed only when asked, and hashes it again', () => {
    const mapping = mappingOf('customers', [idCol('email', 'email_id')]);
    const raw = setTransforms(mapping, 0, { hashPersonal: false });
    expect(hashesColumn(raw.columns[0]!)).toBe(false);
    expect(hashesColumn(setTransforms(raw, 0, { hashPersonal: true }).columns[0]!)).toBe(true);
  });
});

describe('setTarget', () => {
  it('maps an untagged column to an existing attribute of its type', () => {
    const next = setTarget(base(), 1, 'email_address', 'long_text');
    expect(next.columns[1]).toMatchObject({ target: 'email_address', type: 'long_text' });
  });

  it('keeps the type for a new attribute', () => {
    expect(setTarget(base(), 0, 'user_number').columns[0]).toMatchObject({
      target: 'user_number',
      type: 'number',
    });
  });

  it("keeps a role column's type", () => {
    const mapping = mappingOf('catalog', [roleCol('item_id', 'item_id')]);
    expect(setTarget(mapping, 0, 'sku', 'number').columns[0]).toMatchObject({ target: 'sku', type: 'text' });
  });
});

describe('small edits', () => {
  it('setIdType, setInclude and setSearchable change one field of one column', () => {
    const mapping = mappingOf('customers', [idCol('registered'), col('name')]);
    expect(setIdType(mapping, 0, 'cookie').columns[0]?.idType).toBe('cookie');
    expect(setInclude(mapping, 1, false).columns[1]?.include).toBe(false);
    expect(setSearchable(mapping, 1, true).columns[1]?.searchable).toBe(true);
    expect(setInclude(mapping, 1, false).columns[0]).toBe(mapping.columns[0]);
  });

  it('setOptions merges a change into the options', () => {
    const next = setOptions(base(), { eventType: 'login', timeZone: 'Europe/Prague' });
    expect(next.options).toMatchObject({
      eventType: 'login',
      timeZone: 'Europe/Prague',
      decimalSeparator: '.',
    });
  });

  it('addStatic appends and removeStatic removes by index', () => {
    const a = { name: 'a', value: '1', type: 'number' as const };
    const b = { name: 'b', value: 'x', type: 'text' as const };
    const mapping = addStatic(addStatic(base(), a), b);
    expect(mapping.statics).toEqual([a, b]);
    expect(removeStatic(mapping, 0).statics).toEqual([b]);
    expect(removeStatic(mapping, 5).statics).toEqual([a, b]);
    expect(base().statics).toEqual([]);
  });
});

describe('suggestedStatic', () => {
  it('names the source after the import, with the run date as a placeholder filled at each run', () => {
    expect(suggestedStatic('newsletter')).toEqual({
      name: 'source',
      value: 'Import_newsletter_{run_date}',
      type: 'text',
    });
  });

  it('turns spaces into underscores and drops punctuation', () => {
    expect(suggestedStatic('  Spring  sale ').value).toBe('Import_Spring_sale_{run_date}');
    expect(suggestedStatic('Q1: leads (CZ)!').value).toBe('Import_Q1_leads_CZ_{run_date}');
    expect(suggestedStatic('a-b_c').value).toBe('Import_a-b_c_{run_date}');
  });

  it('keeps letters of any script', () => {
    expect(suggestedStatic('Zákazníci 2025').value).toBe('Import_Zákazníci_2025_{run_date}');
  });

  it('falls back to "data" when nothing usable is left', () => {
    expect(suggestedStatic('').value).toBe('Import_data_{run_date}');
    expect(suggestedStatic('!!!').value).toBe('Import_data_{run_date}');
  });

  it('is a valid static column the requirements accept', () => {
    const column = suggestedStatic('Weekly import');
    expect(StaticColumnSchema.safeParse(column).success).toBe(true);
    const mapping = addStatic(mappingOf('customers', [idCol('registered')]), column);
    expect(requirementsOf(mapping).every((r) => r.met)).toBe(true);
  });
});

describe('beforeValueMapping', () => {
  const city = (pairs: [string, string][]): CleanupStep => ({
    kind: 'map-values',
    column: 'city',
    pairs,
    caseSensitive: false,
  });
  const edits: CleanupStep = {
    kind: 'edit-cells',
    edits: [{ row: 3, column: 'city', old: 'Brn', value: 'Brno' }],
  };
  const steps: CleanupStep[] = [
    { kind: 'collapse-spaces', column: 'city' },
    city([['Prg', 'Praha']]),
    { kind: 'replace', column: 'city', find: 'Praha', replace: 'Prague', regex: false, caseSensitive: false },
    edits,
    { kind: 'fill-down', column: 'city' },
  ];
  const mapping: ImportMapping = { ...mappingOf('customers', [col('city'), col('email')]), cleanup: steps };

  it('keeps the steps before the column’s value mapping and every hand edit, so the new one is counted where it stands', () => {
    expect(beforeValueMapping(mapping, 'city').cleanup).toEqual([steps[0], edits]);
    // Once applied, the new mapping takes the old one's place, before the replacement.
    const applied = setValueMapping(mapping, 'city', city([['Brno', 'BRNO']]));
    expect(applied.cleanup!.map((step) => step.kind)).toEqual(steps.map((step) => step.kind));
    expect(applied.cleanup![1]).toEqual(city([['Brno', 'BRNO']]));
  });

  it('is the whole mapping for a column without one: a new mapping goes last', () => {
    expect(beforeValueMapping(mapping, 'email')).toBe(mapping);
  });
});
