import { describe, expect, it } from 'vitest';
import { parseDateRemembered } from '../../../src-shared/mapping/recent-dates';
import { parseValue } from '../../../src-shared/values/parse-value';

// A column's date cells are parsed once per distinct text (recent-dates): the answers must be the
// parser's, per column (its options differ), and shared answers must not be changeable.

describe('parseDateRemembered', () => {
  it('answers as the parser does, valid or not, and the same object for the same text', () => {
    const column = {};
    for (const text of [
      '2025-04-01',
      '1.4.2025',
      '2025-02-30',
      'soon',
      '2025-04-01 10:00:00',
      '2025-04-01',
    ]) {
      expect(parseDateRemembered(column, text, {})).toEqual(parseValue('date', text, {}));
    }
    expect(parseDateRemembered(column, '2025-04-01', {})).toBe(parseDateRemembered(column, '2025-04-01', {}));
  });

  it('keeps columns apart: the same text under another time zone is another instant', () => {
    const utc = parseDateRemembered({}, '2025-04-01', {});
    const prague = parseDateRemembered({}, '2025-04-01', { timeZone: 'Europe/Prague' });
    expect(utc).toEqual(parseValue('date', '2025-04-01', {}));
    expect(prague).toEqual(parseValue('date', '2025-04-01', { timeZone: 'Europe/Prague' }));
    expect(prague).not.toEqual(utc);
  });

  it('shares frozen answers, so no caller can change another cell’s value', () => {
    const result = parseDateRemembered({}, '2025-04-01', {});
    expect(() => {
      (result as { ok: boolean }).ok = false;
    }).toThrow(TypeError);
    if (!result.ok || result.value === null) throw new Error('a valid date');
    expect(() => {
      (result.value as { date: string }).date = 'x';
    }).toThrow(TypeError);
  });

  it('still answers right past the texts it remembers (it starts again)', () => {
    const column = {};
    for (let day = 0; day < 5000; day++) {
      const text = new Date(Date.UTC(2000, 0, 1 + day)).toISOString().slice(0, 10);
      const result = parseDateRemembered(column, text, {});
      if (day % 997 === 0) expect(result).toEqual(parseValue('date', text, {}));
    }
    expect(parseDateRemembered(column, '2000-01-01', {})).toEqual(parseValue('date', '2000-01-01', {}));
  });
});
