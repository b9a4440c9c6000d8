import { describe, expect, it } from 'vitest';
import { decimalCommaOffer } from '../../../src-shared/cleanup/fix-all';
import { col, idCol, mappingOf } from '../mapping/fixtures';

// Issue 16's fix-all suggestion: decimal commas offered once, and only on unanimous evidence.

describe('the decimal comma offer', () => {
  const mapping = mappingOf('customers', [
    idCol('registered'),
    col('credit', { type: 'number' }),
    col('score', { type: 'number' }),
    col('note'),
  ]);

  it('names the number columns whose every value reads with a decimal comma', () => {
    const rows = [
      ['c1', '2995,74', '7', 'a, b'],
      ['c2', '10', '8', 'c'],
      ['c3', '', '9', 'd'],
    ];
    expect(decimalCommaOffer(mapping, rows)).toEqual({ columns: ['credit'], example: '2995,74' });
  });

  it('is not offered on mixed evidence, on text columns, or once the import reads decimal commas', () => {
    expect(
      decimalCommaOffer(mapping, [
        ['c1', '2995,74', '', ''],
        ['c2', 'twelve', '', ''],
      ]),
    ).toBeNull();
    expect(decimalCommaOffer(mapping, [['c1', '1.5', '2', '3,5']])).toBeNull();
    const commas = { ...mapping, options: { ...mapping.options, decimalSeparator: ',' as const } };
    expect(decimalCommaOffer(commas, [['c1', '2995,74', '', '']])).toBeNull();
  });
});
