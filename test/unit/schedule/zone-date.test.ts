import { describe, expect, it } from 'vitest';
import { zoneDate } from '../../../src-shared/schedule/wall-clock';

// The schedule dialog's "today": the date on the computer's clock, not the UTC date (which is a day
// off near midnight for everyone east or west of Greenwich).
describe('zoneDate', () => {
  it('is the date the instant falls on in the zone, on either side of a UTC midnight', () => {
    const lateUtc = new Date('2026-12-06T23:30:00Z');
    expect(zoneDate(lateUtc, 'UTC')).toBe('2026-12-06');
    expect(zoneDate(lateUtc, 'Europe/Prague')).toBe('2026-12-07');
    expect(zoneDate(lateUtc, 'America/New_York')).toBe('2026-12-06');
    const earlyUtc = new Date('2026-12-07T02:00:00Z');
    expect(zoneDate(earlyUtc, 'America/Los_Angeles')).toBe('2026-12-06');
    expect(zoneDate(earlyUtc, 'Pacific/Kiritimati')).toBe('2026-12-07');
  });

  it('follows summer time: 22:30 UTC is already the next day in Prague in July, not in January', () => {
    expect(zoneDate(new Date('2026-07-14T22:30:00Z'), 'Europe/Prague')).toBe('2026-07-15');
    expect(zoneDate(new Date('2026-01-14T22:30:00Z'), 'Europe/Prague')).toBe('2026-01-14');
  });
});
