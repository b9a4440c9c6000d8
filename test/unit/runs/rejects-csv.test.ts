import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from '../../../src-main/services/read/csv/spreadsheet-safe';

describe('spreadsheetSafe', () => {
  it('prefixes what a spreadsheet would run as a formula with an apostrophe', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\r=1'])
      expect(spreadsheetSafe(formula)).toBe(`'${formula}`);
  });

  it('leaves every other text as it is, empty and inner signs included', () => {
    for (const text of ['', 'a=b', '1-2', 'jane@example.com', ' =1', "'quoted", 'No valid customer ID'])
      expect(spreadsheetSafe(text)).toBe(text);
  });
});
