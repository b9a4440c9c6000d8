import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CustomerResolver } from '../../../src-main/services/destinations/workspace/customer-resolver';
import {
  DEFAULT_LIMITS,
  type IdOwnerMemoryLimits,
} from '../../../src-main/services/destinations/workspace/id-owner-memory';
import type { KeyOrderLimits } from '../../../src-main/services/destinations/workspace/key-ordered-links';
import type { MappedId } from '../../../src-shared/mapping/map-row';
import { seededRandom } from '../../support/seeded-random';
import { isoDay, rows, useWorkspace } from './support';

/**
 * The run's memory of ID owners, and new links waiting to be written in key order, must change
 * nothing but speed: the same rows resolved with the memory off, with limits so small it forgets
 * every few batches, and with the default limits, each with links written at every batch, every
 * 7 links and at the run's end, reach the same resolutions and the same customers and IDs, from an
 * empty workspace (where the memory is complete) and from one holding IDs already.
 */
const OFF: IdOwnerMemoryLimits = { slots: 0, firstBytes: 0, maxBytes: 0 };
const TINY: IdOwnerMemoryLimits = { slots: 64, firstBytes: 256, maxBytes: 1024 };

interface Setup {
  idMemory: IdOwnerMemoryLimits;
  /** Unset: links written at every batch. */
  linksInKeyOrder?: KeyOrderLimits;
  /** Links written after each batch, as a writer waiting for its next one writes them. */
  idleLinks?: number;
  /** Stored IDs read into the memory first, when they fit. */
  holdStoredIds?: boolean;
}
const BASELINE: Setup = { idMemory: OFF };
/**
 * Links written at every batch; in sets of 7 held up to 20 (written whole past that), with and
 * without idle time; all at the end.
 */
const KEY_ORDERS: Omit<Setup, 'idMemory'>[] = [
  {},
  { linksInKeyOrder: { setSize: 7, maxHeld: 20 } },
  { linksInKeyOrder: { setSize: 7, maxHeld: 20 }, idleLinks: 5 },
  { linksInKeyOrder: { setSize: 1_000_000, maxHeld: 1_000_000 } },
];
const SETUPS: Setup[] = [TINY, DEFAULT_LIMITS, OFF].flatMap((idMemory) =>
  KEY_ORDERS.map((keyOrder) => ({ idMemory, ...keyOrder })),
);

/** Over stored IDs: also with the stored IDs read into the memory first. */
const OVER_STORED_SETUPS: Setup[] = [
  ...SETUPS,
  ...[TINY, DEFAULT_LIMITS, OFF].flatMap((idMemory) =>
    KEY_ORDERS.slice(0, 3).map((keyOrder) => ({ idMemory, ...keyOrder, holdStoredIds: true })),
  ),
];

/**
 * Rows of IDs that collide, move, repeat within a batch and push one customer past 64 cookies.
 * `loneSurrogates`: some of its cookies hold one (a stored one makes the memory refuse to read the
 * stored IDs in, so the other way is tested without them).
 */
function workload(seed: number, loneSurrogates = true): MappedId[][][] {
  const mark = loneSurrogates ? '\ud800' : '';
  const random = seededRandom(seed);
  const pick = (prefix: string, count: number) => `${prefix}${Math.floor(random() * count)}`;
  const batches: MappedId[][][] = [];
  for (let b = 0; b < 40; b++) {
    const batch: MappedId[][] = [];
    for (let r = 0; r < 25; r++) {
      const ids: MappedId[] = [];
      if (random() < 0.6) ids.push({ idType: 'registered', value: pick('u', 60) });
      if (random() < 0.7) ids.push({ idType: 'cookie', value: pick('c', 300) });
      if (random() < 0.5) ids.push({ idType: 'email_id', value: `${pick('e', 80)}@x.io` });
      // Wide characters and a second value of a hard type: a rejected row.
      if (random() < 0.05) ids.push({ idType: 'registered', value: pick('ř', 5) });
      if (random() < 0.1) ids.push({ idType: 'visitor', value: pick('v', 40) });
      if (ids.length === 0) ids.push({ idType: 'cookie', value: pick('c', 300) });
      batch.push(ids);
    }
    // One customer collects cookie after cookie: the soft-ID limit drops its oldest.
    if (b >= 10)
      batch.push([
        { idType: 'registered', value: 'collector' },
        // Some hold a lone surrogate: SQLite returns it as U+FFFD when the limit drops it.
        { idType: 'cookie', value: b % 3 === 0 ? `k${b}${mark}` : `k${b}` },
      ]);
    if (b >= 10)
      for (let k = 0; k < 3; k++)
        batch.push([
          { idType: 'registered', value: 'collector' },
          { idType: 'cookie', value: `k${b}-${k}` },
        ]);
    // A cookie the limit dropped from it comes back alone: it is nobody's now.
    if (b >= 30)
      batch.push([{ idType: 'cookie', value: (b - 20) % 3 === 0 ? `k${b - 20}${mark}` : `k${b - 20}` }]);
    batches.push(batch);
  }
  return batches;
}

/**
 * Resolves every batch as a run does (begin, rows, endBatch; finish at the end) in one
 * transaction; returns the outcomes.
 */
function resolveAll(db: Database, setup: Setup, batches: MappedId[][][]): string[] {
  const resolver = new CustomerResolver(db, setup);
  const outcomes: string[] = [];
  db.transaction(() => {
    batches.forEach((batch, index) => {
      resolver.begin(batch.flat());
      for (const ids of batch) {
        const resolution = resolver.resolve(ids, isoDay(index));
        outcomes.push(
          resolution.ok
            ? `${resolution.customerId}${resolution.created ? '+' : ''}`
            : `! ${resolution.reason}`,
        );
      }
      resolver.endBatch();
      if (setup.idleLinks) resolver.writeSome(setup.idleLinks);
    });
    resolver.finish();
  })();
  return outcomes;
}

const state = (db: Database) => ({
  customers: rows(db, 'SELECT id, created_at FROM customers ORDER BY id'),
  ids: rows(db, 'SELECT id_type, value, customer_id, linked_us FROM customer_ids ORDER BY id_type, value'),
});

describe('CustomerResolver with its memory of ID owners', () => {
  const open = useWorkspace();

  it.each([1, 2, 3])(
    'resolves seeded rows the same with the memory off, tiny and default, links waiting or not (seed %i)',
    (seed) => {
      const batches = workload(seed);
      const results = [BASELINE, ...SETUPS].map((setup) => {
        const db = open();
        const outcomes = resolveAll(db, setup, batches);
        return { outcomes, state: state(db) };
      });
      const [off, ...others] = results;
      // The workload does what it is for: rejects, moves and the soft-ID limit all happen.
      expect(off!.outcomes.some((outcome) => outcome.startsWith('!'))).toBe(true);
      expect(off!.state.ids.length).toBeGreaterThan(300);
      const collector = off!.state.ids.find((id) => (id as { value: string }).value === 'collector') as {
        customer_id: number;
      };
      const cookies = off!.state.ids.filter(
        (id) =>
          (id as { id_type: string; customer_id: number }).id_type === 'cookie' &&
          (id as { customer_id: number }).customer_id === collector.customer_id,
      );
      expect(cookies).toHaveLength(64);
      others.forEach((other, index) => expect(other, JSON.stringify(SETUPS[index])).toEqual(off));
    },
  );

  it.each([true, false])(
    'resolves the same on top of stored IDs, read into the memory first or not (lone surrogates: %s)',
    (loneSurrogates) => {
      const batches = workload(7, loneSurrogates);
      const results = [BASELINE, ...OVER_STORED_SETUPS].map((setup) => {
        const db = open();
        resolveAll(db, BASELINE, batches.slice(0, 15));
        const outcomes = resolveAll(db, setup, batches.slice(15));
        return { outcomes, state: state(db) };
      });
      const [off, ...others] = results;
      others.forEach((other, index) => expect(other, JSON.stringify(OVER_STORED_SETUPS[index])).toEqual(off));
    },
  );
});
