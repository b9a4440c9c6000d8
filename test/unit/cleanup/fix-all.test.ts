import { describe, expect, it } from 'vitest';
import { dateOrderOffer, decimalCommaOffer } from '../../../src-shared/cleanup/fix-all';
import { col, idCol, mappingOf } from '../mapping/fixtures';

// Issue 16's fix-all suggestions: decimal commas and a date order, offered once, and only on
// unanimous evidence.

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

describe('the date order offer', () => {
  const mapping = mappingOf('customers', [
    idCol('registered'),
    col('born', { type: 'date' }),
    col('seen', { type: 'datetime' }),
    col('note'),
  ]);

  it('names the date columns whose values read only one way, ambiguous and ISO values counting for neither', () => {
    const rows = [
      ['c1', '25/12/2026', '2026-12-25 10:00', '12/25/2026'],
      ['c2', '01/02/2026', '', 'text'],
      ['c3', '', '13/01/2026 08:30', ''],
      ['c4', '2026-02-01', '05/05/2026 09:00', ''],
    ];
    expect(dateOrderOffer(mapping, rows)).toEqual({
      order: 'DMY',
      columns: ['born', 'seen'],
      example: '25/12/2026',
    });
    // The same evidence the other way round: month first.
    expect(dateOrderOffer(mapping, [['c1', '12/25/2026', '', '']])).toMatchObject({
      order: 'MDY',
      columns: ['born'],
      example: '12/25/2026',
    });
  });

  it('is offered while the import reads dates another way, and not once it reads them this way', () => {
    const rows = [['c1', '25/12/2026', '', '']];
    const monthFirst = { ...mapping, options: { ...mapping.options, dateOrder: 'MDY' as const } };
    expect(dateOrderOffer(monthFirst, rows)).toMatchObject({ order: 'DMY' });
    const dayFirst = { ...mapping, options: { ...mapping.options, dateOrder: 'DMY' as const } };
    expect(dateOrderOffer(dayFirst, rows)).toBeNull();
  });

  it('is not offered on conflicting or missing evidence, nor for a column with a value that is no date', () => {
    // Day first in one column, month first in another: the order is the import's, one for both.
    expect(dateOrderOffer(mapping, [['c1', '25/12/2026', '12/25/2026 10:00', '']])).toBeNull();
    // Within one column too.
    expect(
      dateOrderOffer(mapping, [
        ['c1', '25/12/2026', '', ''],
        ['c2', '12/25/2026', '', ''],
      ]),
    ).toBeNull();
    // Only ambiguous or ISO values: nothing proves an order.
    expect(dateOrderOffer(mapping, [['c1', '01/02/2026', '2026-01-02T10:00:00Z', '25/12/2026']])).toBeNull();
    // A value no order reads: that column is left out, and here no other column proves anything.
    expect(
      dateOrderOffer(mapping, [
        ['c1', '25/12/2026', '', ''],
        ['c2', 'soon', '', ''],
      ]),
    ).toBeNull();
  });

  it('reads values after the column’s cleanup steps, and ignores dropped columns and text columns', () => {
    const cleaned = {
      ...mapping,
      cleanup: [
        {
          kind: 'replace' as const,
          column: 'born',
          find: '.',
          replace: '/',
          regex: false,
          caseSensitive: true,
        },
      ],
    };
    // "25.12.2026" reads either way as written (day.month.year); the replace makes it a slash date.
    expect(dateOrderOffer(mapping, [['c1', '25.12.2026', '', '']])).toBeNull();
    expect(dateOrderOffer(cleaned, [['c1', '25.12.2026', '', '']])).toMatchObject({ example: '25/12/2026' });
    const dropped = {
      ...mapping,
      columns: mapping.columns.map((column) =>
        column.source === 'born' ? { ...column, include: false } : column,
      ),
    };
    expect(dateOrderOffer(dropped, [['c1', '25/12/2026', '', '']])).toBeNull();
  });
});
