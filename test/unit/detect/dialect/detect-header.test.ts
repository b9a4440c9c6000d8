import { describe, expect, it } from 'vitest';
import { detectHeader } from '../../../../src-main/services/detect/dialect/detect-header';

describe('detectHeader', () => {
  it('sees a header above numeric and date columns', () => {
    expect(
      detectHeader([
        ['id', 'amount', 'day'],
        ['1', '12.50', '2024-01-02'],
        ['2', '-3.25', '2024-01-03'],
      ]),
    ).toBe(true);
  });

  it('sees a header when row 1 holds a value of another kind than its column ("n" above numbers)', () => {
    // "n" reads as a boolean (y/n); above a column of numbers it is that column's name.
    expect(
      detectHeader([
        ['phase', 'n'],
        ['preview', '1'],
        ['preview', '2'],
      ]),
    ).toBe(true);
    // The same cell above booleans is one of them: data.
    expect(
      detectHeader([
        ['n', '7'],
        ['y', '8'],
        ['n', '9'],
      ]),
    ).toBe(false);
  });

  it('sees no header when row 1 has the same types as the rows below', () => {
    expect(
      detectHeader([
        ['1', '12.50', '2024-01-02'],
        ['2', '-3.25', '2024-01-03'],
        ['3', '7', '2024-01-04'],
      ]),
    ).toBe(false);
  });

  it('sees a header on an all-text table when row 1 reads like column names', () => {
    expect(
      detectHeader([
        ['first_name', 'City', 'Favourite Colour'],
        ['Anna Maria', 'Rio de Janeiro', 'deep sea blue'],
        ['Bob', 'York', 'red'],
      ]),
    ).toBe(true);
  });

  it('sees no header on an all-text table whose row 1 repeats values found below', () => {
    expect(
      detectHeader([
        ['yes', 'north', 'open'],
        ['no', 'south', 'closed'],
        ['yes', 'north', 'closed'],
      ]),
    ).toBe(false);
  });

  it('assumes a header when there is too little to judge', () => {
    expect(detectHeader([])).toBe(true);
    expect(detectHeader([['a', 'b']])).toBe(true);
  });
});
