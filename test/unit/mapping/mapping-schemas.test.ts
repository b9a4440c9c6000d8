import { describe, expect, it } from 'vitest';
import {
  ColumnMappingSchema,
  ImportMappingSchema,
  ImportOptionsSchema,
  ImportRecipeSchema,
  StaticColumnSchema,
} from '../../../src-shared/schemas/mapping';
import { IMPORT_TYPES } from '../../../src-shared/model/import-type';
import { defaultImportOptions } from '../../../src-shared/model/mapping';
import { VALID, col, idCol, mappingOf } from './fixtures';

function recipe(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'intake.import',
    version: 1,
    name: 'Weekly customers',
    dialect: { format: 'csv', hasHeader: true },
    header: ['registered', 'name'],
    mapping: mappingOf('customers', [idCol('registered'), col('name')]),
    ...overrides,
  };
}

describe('ColumnMappingSchema', () => {
  it('accepts a column mapping', () => {
    expect(ColumnMappingSchema.parse(col('email', { lowercase: true }))).toEqual(
      col('email', { lowercase: true }),
    );
  });

  it('refuses unknown fields, types and roles', () => {
    expect(ColumnMappingSchema.safeParse({ ...col('a'), extra: 1 }).success).toBe(false);
    expect(ColumnMappingSchema.safeParse(col('a', { type: 'float' as never })).success).toBe(false);
    expect(ColumnMappingSchema.safeParse(col('a', { role: 'owner' as never })).success).toBe(false);
  });

  it('refuses a missing field', () => {
    const { trim: _trim, ...rest } = col('a');
    expect(ColumnMappingSchema.safeParse(rest).success).toBe(false);
  });

  it('limits names: source 1,024, target 256, ID type 64 characters', () => {
    expect(ColumnMappingSchema.safeParse(col('s'.repeat(1024), { target: 't' })).success).toBe(true);
    expect(ColumnMappingSchema.safeParse(col('s'.repeat(1025), { target: 't' })).success).toBe(false);
    expect(ColumnMappingSchema.safeParse(col('a', { target: 't'.repeat(256) })).success).toBe(true);
    expect(ColumnMappingSchema.safeParse(col('a', { target: 't'.repeat(257) })).success).toBe(false);
    expect(ColumnMappingSchema.safeParse(col('a', { idType: 'i'.repeat(65) })).success).toBe(false);
  });
});

describe('StaticColumnSchema', () => {
  it('accepts a static column and trims its name', () => {
    expect(StaticColumnSchema.parse({ name: ' source ', value: 'x', type: 'text' })).toEqual({
      name: 'source',
      value: 'x',
      type: 'text',
    });
  });

  it('refuses a blank name with a message', () => {
    const result = StaticColumnSchema.safeParse({ name: '   ', value: 'x', type: 'text' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('A static column needs a name.');
  });

  it('allows values up to the catalog limit of 28,672 characters', () => {
    expect(StaticColumnSchema.safeParse({ name: 'n', value: 'v'.repeat(28_672), type: 'text' }).success).toBe(
      true,
    );
    expect(StaticColumnSchema.safeParse({ name: 'n', value: 'v'.repeat(28_673), type: 'text' }).success).toBe(
      false,
    );
  });
});

describe('ImportOptionsSchema', () => {
  const options = defaultImportOptions();

  it.each([2, 90, 180, null])('accepts retention %s', (retentionDays) => {
    expect(ImportOptionsSchema.safeParse({ ...options, retentionDays }).success).toBe(true);
  });

  it.each([1, 181, 2.5])('refuses retention %s (2–180 whole days)', (retentionDays) => {
    expect(ImportOptionsSchema.safeParse({ ...options, retentionDays }).success).toBe(false);
  });

  it('refuses an empty time zone, unknown separators, date orders and kinds', () => {
    expect(ImportOptionsSchema.safeParse({ ...options, timeZone: '' }).success).toBe(false);
    expect(ImportOptionsSchema.safeParse({ ...options, decimalSeparator: ';' }).success).toBe(false);
    expect(ImportOptionsSchema.safeParse({ ...options, dateOrder: 'YMD' }).success).toBe(false);
    expect(ImportOptionsSchema.safeParse({ ...options, catalogKind: 'service' }).success).toBe(false);
  });

  it('accepts the date orders and the decimal comma', () => {
    expect(
      ImportOptionsSchema.safeParse({ ...options, dateOrder: 'DMY', decimalSeparator: ',' }).success,
    ).toBe(true);
    expect(ImportOptionsSchema.safeParse({ ...options, dateOrder: 'MDY' }).success).toBe(true);
  });

  it('limits names to 128 characters', () => {
    expect(ImportOptionsSchema.safeParse({ ...options, eventType: 'e'.repeat(128) }).success).toBe(true);
    expect(ImportOptionsSchema.safeParse({ ...options, eventType: 'e'.repeat(129) }).success).toBe(false);
    expect(ImportOptionsSchema.safeParse({ ...options, catalogName: 'c'.repeat(129) }).success).toBe(false);
    expect(ImportOptionsSchema.safeParse({ ...options, poolName: 'p'.repeat(129) }).success).toBe(false);
  });

  it('refuses unknown options', () => {
    expect(ImportOptionsSchema.safeParse({ ...options, lowercaseIds: true }).success).toBe(false);
  });
});

describe('ImportMappingSchema', () => {
  it.each(IMPORT_TYPES)('accepts the valid %s fixture', (type) => {
    expect(ImportMappingSchema.safeParse(VALID[type]()).success).toBe(true);
  });

  it('refuses an unknown import type', () => {
    expect(ImportMappingSchema.safeParse({ ...VALID.customers(), importType: 'orders' }).success).toBe(false);
  });

  it('maps a source of up to 10,000 columns, not 10,001 (what an import includes is a requirement)', () => {
    const columns = (count: number) => Array.from({ length: count }, (_, i) => col(`c${i}`));
    expect(ImportMappingSchema.safeParse(mappingOf('customers', columns(10_000))).success).toBe(true);
    expect(ImportMappingSchema.safeParse(mappingOf('customers', columns(10_001))).success).toBe(false);
  });

  it('refuses a static column with a blank name', () => {
    const mapping = mappingOf('customers', [idCol('registered')], {}, [
      { name: ' ', value: 'x', type: 'text' },
    ]);
    expect(ImportMappingSchema.safeParse(mapping).success).toBe(false);
  });
});

describe('ImportRecipeSchema', () => {
  it('accepts a recipe', () => {
    expect(ImportRecipeSchema.safeParse(recipe()).success).toBe(true);
  });

  it('accepts an empty dialect (everything detected)', () => {
    expect(ImportRecipeSchema.safeParse(recipe({ dialect: {} })).success).toBe(true);
  });

  it('refuses another kind or version, and reads versions 1 (before cleanup steps) and 2', () => {
    expect(ImportRecipeSchema.safeParse(recipe({ kind: 'intake.export' })).success).toBe(false);
    expect(ImportRecipeSchema.safeParse(recipe({ version: 3 })).success).toBe(false);
    expect(ImportRecipeSchema.safeParse(recipe({ version: 1 })).success).toBe(true);
    const cleanup = [{ kind: 'map-values', column: 'vip', pairs: [['ano', 'true']], caseSensitive: false }];
    const mapping = { ...VALID.customers(), cleanup };
    expect(ImportRecipeSchema.safeParse(recipe({ version: 2, mapping })).success).toBe(true);
  });

  it('refuses a cleanup step that cannot run, naming it', () => {
    const cleanup = [
      { kind: 'replace', column: null, find: '(unclosed', replace: '', regex: true, caseSensitive: true },
    ];
    const result = ImportRecipeSchema.safeParse(
      recipe({ version: 2, mapping: { ...VALID.customers(), cleanup } }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['mapping', 'cleanup', 0, 'find'],
      message: expect.stringContaining('"(unclosed" is not a regular expression JavaScript reads'),
    });
  });

  it('refuses unknown fields at every level', () => {
    expect(ImportRecipeSchema.safeParse(recipe({ author: 'me' })).success).toBe(false);
    expect(ImportRecipeSchema.safeParse(recipe({ dialect: { escape: '\\' } })).success).toBe(false);
    const mapping = { ...VALID.customers(), note: 'x' };
    expect(ImportRecipeSchema.safeParse(recipe({ mapping })).success).toBe(false);
  });

  it('refuses an unknown delimiter or encoding in the dialect', () => {
    expect(ImportRecipeSchema.safeParse(recipe({ dialect: { delimiter: 'x' } })).success).toBe(false);
    expect(ImportRecipeSchema.safeParse(recipe({ dialect: { encoding: 'ebcdic' } })).success).toBe(false);
  });

  it('limits the header to the 10,000 names a source may have', () => {
    const header = Array.from({ length: 10_001 }, (_, i) => `c${i}`);
    expect(ImportRecipeSchema.safeParse(recipe({ header })).success).toBe(false);
    expect(ImportRecipeSchema.safeParse(recipe({ header: header.slice(0, 10_000) })).success).toBe(true);
  });

  it('round-trips through JSON', () => {
    const value = recipe();
    expect(ImportRecipeSchema.parse(JSON.parse(JSON.stringify(value)))).toEqual(value);
  });
});
