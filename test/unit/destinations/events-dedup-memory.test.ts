import { describe, expect, it } from 'vitest';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import { purgeExpired } from '../../../src-main/services/destinations/workspace/purge-expired';
import { dedup, eventCount, events, mapping, memories, processedTimes, row } from './events-fixtures';
import {
  applyIn,
  counts,
  DAY,
  isoDay,
  recordsOf,
  snapshot,
  T0,
  useWorkspace,
  NO_IMPORT,
  NOTHING_PURGED,
} from './support';

// An event's dedup memory: 90 days from its (latest) processing, extended by each duplicate.

describe('EventsApplier dedup memory', () => {
  const open = useWorkspace();

  it('remembers an event for 90 days from processing: a duplicate after 91 days is imported again', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [row('u1', '')]);
    applyIn(db, applier, batch, T0);
    expect(applyIn(db, applier, batch, T0 + 89 * DAY)).toEqual(counts(0, 0, 1));
    expect(applyIn(db, applier, batch, T0 + 180 * DAY)).toEqual(counts(1, 0, 0));
    expect(eventCount(db)).toBe(2);
    // The new event has a memory of its own; the first keeps its expired one (extended by the
    // duplicate on day 89), which is no longer consulted.
    expect(dedup(db)).toEqual([
      { customer_id: 1, dedup_until: isoDay(179) },
      { customer_id: 1, dedup_until: isoDay(270) },
    ]);
    // A duplicate now extends the live memory only.
    expect(applyIn(db, applier, batch, T0 + 200 * DAY)).toEqual(counts(0, 0, 1));
    expect(dedup(db)).toEqual([
      { customer_id: 1, dedup_until: isoDay(179) },
      { customer_id: 1, dedup_until: isoDay(290) },
    ]);
  });

  it('imports a duplicate arriving exactly 91 days later', () => {
    const db = open();
    const batch = recordsOf(mapping, [row('u1', '')]);
    applyIn(db, new EventsApplier(db, mapping, NO_IMPORT), batch, T0);
    // Another run: a run's events share its processing time (event_runs).
    expect(applyIn(db, new EventsApplier(db, mapping, NO_IMPORT), batch, T0 + 91 * DAY)).toEqual(
      counts(1, 0, 0),
    );
    expect(processedTimes(db)).toEqual([{ processed_at: isoDay(0) }, { processed_at: isoDay(91) }]);
  });

  it('extends the memory when a duplicate arrives again (day 60 → kept until day 150)', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [row('u1', '')]);
    applyIn(db, applier, batch, T0);
    expect(applyIn(db, applier, batch, T0 + 60 * DAY)).toEqual(counts(0, 0, 1));
    expect(dedup(db)).toEqual([{ customer_id: 1, dedup_until: isoDay(150) }]);
    expect(applyIn(db, applier, batch, T0 + 140 * DAY)).toEqual(counts(0, 0, 1));
    expect(dedup(db)).toEqual([{ customer_id: 1, dedup_until: isoDay(230) }]);
    expect(eventCount(db)).toBe(1);
    // Only the memory moved: the event is the one first processed.
    expect(processedTimes(db)).toEqual([{ processed_at: isoDay(0) }]);
  });

  it('holds the extensions of a run that asks until finish(), reaching the same state', () => {
    const rowsOf = (n: number) =>
      recordsOf(
        mapping,
        Array.from({ length: n }, (_, i) =>
          row(`u${i % 7}`, '', `2024-03-0${1 + (i % 9)}T10:00:00Z`, `${i}`),
        ),
      );
    const stored = rowsOf(30);
    // Extended twice in the run (two batches repeat the stored rows), and new rows between.
    const again = [rowsOf(40), rowsOf(30)];
    const final = (extendAtFinish: boolean) => {
      const db = open();
      applyIn(db, new EventsApplier(db, mapping, NO_IMPORT), stored, T0);
      const applier = new EventsApplier(db, mapping, NO_IMPORT, { extendAtFinish });
      const applied = db.transaction(() => {
        const results = again.map((batch) => applier.apply(batch, T0 + 60 * DAY));
        const before = memories(db);
        applier.finish();
        return { results, before };
      })();
      return { ...applied, after: memories(db), events: events(db) };
    };
    const now = final(false);
    const deferred = final(true);
    expect(now.results).toEqual([counts(10, 0, 30), counts(0, 0, 30)]);
    expect(deferred.results).toEqual(now.results);
    // Nothing extended before finish(), then the very rows extended at once.
    expect(deferred.before.filter((m) => m.dedup_until === isoDay(150))).toHaveLength(10);
    expect(now.before.filter((m) => m.dedup_until === isoDay(150))).toHaveLength(40);
    expect(deferred.after).toEqual(now.after);
    expect(deferred.events).toEqual(now.events);
  });

  it('keeps an expired memory on its event when purging: there is no dedup table to purge', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    applyIn(db, applier, recordsOf(mapping, [row('u1', '')]), T0);
    applyIn(db, applier, recordsOf(mapping, [row('u2', '')]), T0 + 10 * DAY);
    const before = snapshot(db, ['events']);
    expect(purgeExpired(db, T0 + 90 * DAY)).toEqual({
      identityLinks: 0,
      groupMemberships: 0,
      importData: NOTHING_PURGED,
    });
    expect(snapshot(db, ['events'])).toEqual(before);
    expect(dedup(db)).toEqual([
      { customer_id: 1, dedup_until: isoDay(90) },
      { customer_id: 2, dedup_until: isoDay(100) },
    ]);
    // Expired, u1's memory no longer deduplicates; u2's still does.
    expect(applyIn(db, applier, recordsOf(mapping, [row('u1', ''), row('u2', '')]), T0 + 90 * DAY)).toEqual(
      counts(1, 0, 1),
    );
  });
});
