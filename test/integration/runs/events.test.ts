import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { isoOfMicros } from '../../support/iso-of-micros';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import {
  countOf,
  countsOf,
  customerOf,
  dumpTable,
  editColumn,
  plusDays,
  quick,
  recipeFor,
  rejectsOf,
} from './run-helpers';

// Events (DESIGN.md §4): paired to a customer by any mapped ID (hard first, an unknown ID creates
// the customer); duplicates per customer (same type, timestamp to the microsecond, typed attribute
// values) are discarded; the dedup memory lasts 90 days from processing and is renewed by a duplicate.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

const SEED = join(__dirname, '../../fixtures/seed-samples/purchase-items.csv');
const us = (iso: string) => Date.parse(iso) * 1000;

interface EventRow {
  customer_id: number;
  event_type: string;
  timestamp_us: number;
  attributes: string;
  /** The attribute types text, from event_attribute_types. */
  types: string;
  processed_at: string;
}

function eventsOf(customerId: number | undefined): EventRow[] {
  return rows<EventRow>(
    runtime,
    `SELECT e.customer_id, e.event_type, e.timestamp_us, e.attributes, t.types,
            ${isoOfMicros('r.processed_us')} AS processed_at
     FROM events e JOIN event_attribute_types t ON t.id = e.types_id JOIN event_runs r ON r.number = e.run_number
     WHERE e.customer_id = ? ORDER BY e.id`,
    customerId,
  );
}

/** The dedup memory of a customer's events, in arrival order. */
function memoriesOf(
  customerId: number | undefined,
): { timestamp_us: number; attributes: string; dedup_until: string }[] {
  return rows(
    runtime,
    `SELECT timestamp_us, attributes, ${isoOfMicros('dedup_until_us')} AS dedup_until
     FROM events WHERE customer_id = ? ORDER BY id`,
    customerId,
  );
}

describe('events import', () => {
  it('pairs each event to a customer by any of its IDs, hard first; an unknown ID creates the customer; duplicates are per customer', async () => {
    const customers = writeFixture(
      temp.dir,
      'pair-customers.csv',
      'registered,email,cookie\nev-u1,ev.ann@example.com,\n,,ev-c2\n',
    );
    countsOf(
      await importAndWait(runtime, {
        file: customers,
        quick: quick('customers', { ids: ['email=email_id'] }),
      }),
    );
    const ann = customerOf(runtime, 'registered', 'ev-u1');
    const visitor = customerOf(runtime, 'cookie', 'ev-c2');
    const before = countOf(runtime, 'customers');

    const file = writeFixture(
      temp.dir,
      'pair-events.csv',
      'registered,email,cookie,ts,amount\n' +
        ',ev.ann@example.com,,2026-01-01T10:00:00Z,1\n' +
        'ev-u1,,,2026-01-01T11:00:00Z,2\n' +
        ',,ev-new,2026-01-01T12:00:00Z,3\n' +
        ',,,2026-01-01T13:00:00Z,4\n' +
        'ev-u1,,ev-c2,2026-01-05,5\n' +
        // Row 2's event again, through another ID of the same customer: a duplicate.
        'ev-u1,,,2026-01-01T10:00:00Z,1\n',
    );
    const run = await importAndWait(runtime, {
      file,
      quick: quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'ts' }),
    });

    expect(countsOf(run)).toEqual({
      read: 6,
      imported: 4,
      updated: 0,
      deduplicated: 1,
      rejected: 1,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([
      { row_number: 5, column_name: 'registered', value: '', reason: 'No valid customer ID' },
    ]);
    // By email, by registered, and by registered although the cookie belonged to another customer.
    expect(eventsOf(ann).map((event) => [event.timestamp_us, event.attributes])).toEqual([
      [us('2026-01-01T10:00:00Z'), '[1]'],
      [us('2026-01-01T11:00:00Z'), '[2]'],
      // A date alone means midnight.
      [us('2026-01-05T00:00:00Z'), '[5]'],
    ]);
    expect(eventsOf(visitor)).toEqual([]);
    const created = customerOf(runtime, 'cookie', 'ev-new');
    expect(created).toBeDefined();
    expect(eventsOf(created).map((event) => event.attributes)).toEqual(['[3]']);
    expect(countOf(runtime, 'customers')).toBe(before + 1);
    // ID columns are not event attributes.
    expect(eventsOf(ann).map((event) => event.types)).toEqual([
      '[["amount","number"]]',
      '[["amount","number"]]',
      '[["amount","number"]]',
    ]);
  });

  it('discards duplicates per customer: same type, timestamp to the last decimal and attribute values', async () => {
    const file = writeFixture(
      temp.dir,
      'dedup.csv',
      'email,ts,sku,qty\n' +
        'd1@example.com,2026-01-01T10:00:00.1234Z,A,1\n' +
        'd1@example.com,2026-01-01T10:00:00.1234Z,A,1\n' + // duplicate of row 2
        'd1@example.com,2026-01-01T10:00:00.1235Z,A,1\n' + // differs in the last decimal
        'd1@example.com,2026-01-01T11:00:00.1234+01:00,A,1\n' + // the same instant as row 2: duplicate
        'd1@example.com,2026-01-01T10:00:00.1234Z,A,2\n' + // another value
        'd1@example.com,2026-01-01T10:00:00.1234Z,B,1\n' + // another value
        'd2@example.com,2026-01-01T10:00:00.1234Z,A,1\n' + // another customer
        'd1@example.com,2026-01-01T10:00:00.123456Z,A,1\n' +
        'd1@example.com,2026-01-01T10:00:00.123457Z,A,1\n',
    );
    const flags = quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'ts' });
    const run = await importAndWait(runtime, { file, quick: flags });

    expect(countsOf(run)).toEqual({
      read: 9,
      imported: 7,
      updated: 0,
      deduplicated: 2,
      rejected: 0,
      skipped: 0,
    });
    const d1 = customerOf(runtime, 'email_id', 'd1@example.com');
    const d2 = customerOf(runtime, 'email_id', 'd2@example.com');
    expect(eventsOf(d1).map((event) => [event.timestamp_us, event.attributes])).toEqual([
      [us('2026-01-01T10:00:00Z') + 123_400, '[1,"A"]'],
      [us('2026-01-01T10:00:00Z') + 123_500, '[1,"A"]'],
      [us('2026-01-01T10:00:00Z') + 123_400, '[2,"A"]'],
      [us('2026-01-01T10:00:00Z') + 123_400, '[1,"B"]'],
      [us('2026-01-01T10:00:00Z') + 123_456, '[1,"A"]'],
      [us('2026-01-01T10:00:00Z') + 123_457, '[1,"A"]'],
    ]);
    expect(eventsOf(d2)).toHaveLength(1);
    // One memory per distinct event.
    expect(memoriesOf(d1)).toHaveLength(6);

    // The event type is part of what makes events equal.
    const views = await importAndWait(runtime, {
      file,
      quick: quick('events', { eventType: 'view', ids: ['email=email_id'], timestamp: 'ts' }),
    });
    expect(countsOf(views)).toEqual({
      read: 9,
      imported: 7,
      updated: 0,
      deduplicated: 2,
      rejected: 0,
      skipped: 0,
    });
    expect(eventsOf(d1).filter((event) => event.event_type === 'view')).toHaveLength(6);
  });

  it('tells "1" (text) from 1 (number): values with other types are other events', async () => {
    // latin1: a non-UTF-8 source, its é read back as é.
    const file = writeFixture(
      temp.dir,
      'typed.csv',
      iconv.encode('email,ts,code,note\nt@example.com,2026-01-01T00:00:00Z,1,Café crème\n', 'latin1'),
    );
    const flags = quick('events', { eventType: 'coupon', ids: ['email=email_id'], timestamp: 'ts' });
    const asText = await recipeFor(
      runtime,
      file,
      flags,
      (m) => editColumn(m, 'code', { type: 'text' }),
      'code as text',
    );
    const asNumber = await recipeFor(
      runtime,
      file,
      flags,
      (m) => editColumn(m, 'code', { type: 'number' }),
      'code as number',
    );

    expect(countsOf(await importAndWait(runtime, { file, recipe: asText }))).toMatchObject({ imported: 1 });
    expect(countsOf(await importAndWait(runtime, { file, recipe: asNumber }))).toMatchObject({
      imported: 1,
      deduplicated: 0,
    });
    expect(countsOf(await importAndWait(runtime, { file, recipe: asText }))).toMatchObject({
      imported: 0,
      deduplicated: 1,
    });
    expect(countsOf(await importAndWait(runtime, { file, recipe: asNumber }))).toMatchObject({
      imported: 0,
      deduplicated: 1,
    });
    const events = eventsOf(customerOf(runtime, 'email_id', 't@example.com'));
    expect(events.map((event) => [event.attributes, event.types])).toEqual([
      ['["1","Café crème"]', '[["code","text"],["note","text"]]'],
      ['[1,"Café crème"]', '[["code","number"],["note","text"]]'],
    ]);
  });

  it('keeps the dedup memory 90 days from processing, renews it on a duplicate, and forgets it once expired', async () => {
    const file = writeFixture(
      temp.dir,
      'memory.csv',
      'email,ts,page\nm1@example.com,2026-03-01T08:00:00Z,/a\nm1@example.com,2026-03-01T09:00:00Z,/b\n',
    );
    const flags = quick('events', { eventType: 'page_visit', ids: ['email=email_id'], timestamp: 'ts' });
    expect(countsOf(await importAndWait(runtime, { file, quick: flags }))).toMatchObject({ imported: 2 });
    const m1 = customerOf(runtime, 'email_id', 'm1@example.com');
    const [event] = eventsOf(m1);
    expect(memoriesOf(m1).map((memory) => memory.dedup_until)).toEqual([
      plusDays(event!.processed_at, 90),
      plusDays(event!.processed_at, 90),
    ]);

    // Shorten the memory to one day, then send the events again: duplicates, memory back to 90 days.
    const soon = plusDays(new Date().toISOString(), 1);
    runtime.workspace.db
      .prepare('UPDATE events SET dedup_until_us = ? WHERE customer_id = ?')
      .run(us(soon), m1);
    const again = await importAndWait(runtime, { file, quick: flags });
    expect(countsOf(again)).toEqual({
      read: 2,
      imported: 0,
      updated: 0,
      deduplicated: 2,
      rejected: 0,
      skipped: 0,
    });
    expect(eventsOf(m1)).toHaveLength(2);
    for (const memory of memoriesOf(m1)) {
      expect(memory.dedup_until > soon).toBe(true);
      expect(memory.dedup_until >= plusDays(again.processingAt!, 90)).toBe(true);
      expect(memory.dedup_until <= plusDays(again.finishedAt!, 90)).toBe(true);
    }

    // An expired memory no longer deduplicates: the same events are imported again, as new rows
    // with memories of their own, the old rows keeping theirs, expired.
    const identity = (memory: { timestamp_us: number; attributes: string }) =>
      `${memory.timestamp_us} ${memory.attributes}`;
    const [first, second] = memoriesOf(m1).map(identity);
    runtime.workspace.db
      .prepare('UPDATE events SET dedup_until_us = ? WHERE customer_id = ?')
      .run(us('2020-01-01T00:00:00.000Z'), m1);
    const expired = await importAndWait(runtime, { file, quick: flags });
    expect(countsOf(expired)).toEqual({
      read: 2,
      imported: 2,
      updated: 0,
      deduplicated: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(eventsOf(m1)).toHaveLength(4);
    const memories = memoriesOf(m1);
    expect(memories.map(identity)).toEqual([first, second, first, second]);
    expect(memories.slice(0, 2).map((memory) => memory.dedup_until)).toEqual([
      '2020-01-01T00:00:00.000Z',
      '2020-01-01T00:00:00.000Z',
    ]);
    for (const memory of memories.slice(2)) {
      expect(memory.dedup_until >= plusDays(expired.processingAt!, 90)).toBe(true);
      expect(memory.dedup_until <= plusDays(expired.finishedAt!, 90)).toBe(true);
    }
    // The new memories deduplicate again.
    expect(countsOf(await importAndWait(runtime, { file, quick: flags }))).toMatchObject({
      imported: 0,
      deduplicated: 2,
    });
  });
});

describe('events re-run', () => {
  it('a second import of the same (semicolon-delimited) file deduplicates every event and changes nothing', async () => {
    const own = makeTestRuntime();
    try {
      const file = join(temp.dir, 'purchase-items.csv');
      copyFileSync(SEED, file);
      const flags = quick('events', {
        eventType: 'purchase_item',
        ids: ['customer_email=email_id'],
        timestamp: 'purchased_at',
      });
      // The dedup memory's expiry moves with each processing by design; everything else stays.
      const snapshot = () => ({
        events: dumpTable(own, 'events', ['dedup_until_us']),
        event_attribute_types: dumpTable(own, 'event_attribute_types'),
        event_type_spans: dumpTable(own, 'event_type_spans'),
        customers: dumpTable(own, 'customers'),
        customer_ids: dumpTable(own, 'customer_ids'),
        attributes: dumpTable(own, 'attributes'),
      });
      const memories = () =>
        rows<{ dedup_until: string }>(
          own,
          `SELECT ${isoOfMicros('dedup_until_us')} AS dedup_until FROM events ORDER BY id`,
        );

      const first = await importAndWait(own, { file, quick: flags });
      // Rows 2 and 3 share customer and timestamp but not their items: both are events.
      expect(countsOf(first)).toEqual({
        read: 8,
        imported: 8,
        updated: 0,
        deduplicated: 0,
        rejected: 0,
        skipped: 0,
      });
      const after = snapshot();
      expect(after.customers).toHaveLength(5);
      expect(
        rows(
          own,
          "SELECT e.timestamp_us, e.attributes FROM events e JOIN customer_ids c ON c.customer_id = e.customer_id WHERE c.value = 'jana.novakova@example.com' ORDER BY e.id",
        ),
      ).toEqual([
        {
          timestamp_us: 1_474_886_373_000_000,
          attributes: '[35.3,29,100001,1,"Colorful bracelet",35.3]',
        },
        {
          timestamp_us: 1_474_886_373_000_000,
          attributes: '[9.3,47,100001,2,"Fancy necklace",18.6]',
        },
      ]);
      // All events of the import share one types text.
      expect(after.event_attribute_types).toEqual([
        [
          1,
          '[["price","number"],["product_id","number"],["purchase_id","number"],["quantity","number"],["title","text"],["total_price","number"]]',
        ],
      ]);
      expect(after.event_type_spans).toEqual([
        ['purchase_item', 1_474_886_373_000_000, 1_475_231_973_000_000],
      ]);

      const second = await importAndWait(own, { file, quick: flags });
      expect(countsOf(second)).toEqual({
        read: 8,
        imported: 0,
        updated: 0,
        deduplicated: 8,
        rejected: 0,
        skipped: 0,
      });
      expect(snapshot()).toEqual(after);
      // Every event's memory was renewed by the second processing.
      for (const { dedup_until } of memories()) {
        expect(dedup_until >= plusDays(second.processingAt!, 90)).toBe(true);
        expect(dedup_until <= plusDays(second.finishedAt!, 90)).toBe(true);
      }

      // A file with one new row: imported and deduplicated counted per run.
      const grown = writeFixture(
        temp.dir,
        'purchase-items-grown.csv',
        `${readFileSync(SEED, 'utf8')}lucy.chen@example.com;1475318373;100006;4.90;52;Hair clip;1;4.90\n`,
      );
      const third = await importAndWait(own, { file: grown, quick: flags });
      expect(countsOf(third)).toEqual({
        read: 9,
        imported: 1,
        updated: 0,
        deduplicated: 8,
        rejected: 0,
        skipped: 0,
      });
      expect(countOf(own, 'events')).toBe(9);
      // The new, later event widens its type's span.
      expect(dumpTable(own, 'event_type_spans')).toEqual([
        ['purchase_item', 1_474_886_373_000_000, 1_475_318_373_000_000],
      ]);
    } finally {
      await own.dispose();
    }
  });
});
