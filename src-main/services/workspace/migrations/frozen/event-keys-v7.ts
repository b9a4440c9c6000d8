import { hash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

// Frozen copies, as they were at schema version 7, of the live helpers migration 7 once imported
// (browse/micros-to-iso, destinations/workspace/event-dedup-key, event-attributes, event-types-ids,
// stored-value). A migration must compute exactly what it computed when it shipped, whatever the
// live code becomes; test/unit/workspace/event-memory-migration.test.ts checks that new runs still
// compute the same keys.

/** A value as JSON. */
export type FrozenJson = null | boolean | number | string | FrozenJson[] | { [key: string]: FrozenJson };

/** One attribute of an event: its name, value type and plain JSON value. */
export interface FrozenAttribute {
  name: string;
  type: string;
  value: FrozenJson;
}

const MICROS_PER_SECOND = 1_000_000n;

/** ISO 8601 UTC with six fraction digits of epoch microseconds (years 1–9999). */
export function microsToIsoV7(micros: bigint): string {
  let seconds = micros / MICROS_PER_SECOND;
  let fraction = micros % MICROS_PER_SECOND;
  if (fraction < 0n) {
    fraction += MICROS_PER_SECOND;
    seconds -= 1n;
  }
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}.${String(fraction).padStart(6, '0')}Z`;
}

/** Code-unit order, the order JSON text of the names sorts in. */
export function compareNamesV7(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON text with object keys sorted, so equal values always give equal text. */
export function canonicalJsonV7(value: FrozenJson): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJsonV7).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJsonV7(value[key]!)}`).join(',')}}`;
}

/** The stored texts of attributes sorted by name: {name: value} and {name: type}. */
export function attributesTextV7(sorted: readonly FrozenAttribute[]): { values: string; types: string } {
  let values = '{';
  for (let i = 0; i < sorted.length; i++) {
    const { name, type, value } = sorted[i]!;
    const json =
      type === 'json'
        ? canonicalJsonV7(value)
        : typeof value === 'number' && Number.isFinite(value)
          ? String(value)
          : JSON.stringify(value);
    values += `${i > 0 ? ',' : ''}${JSON.stringify(name)}:${json}`;
  }
  const types = `{${sorted.map(({ name, type }) => `${JSON.stringify(name)}:"${type}"`).join(',')}}`;
  return { values: `${values}}`, types };
}

/** The dedup key of version 7: the first 48 bits of a SHA-256 of type, ISO time, types and values. */
export function eventDedupKeyV7(
  eventType: string,
  iso: string,
  text: { values: string; types: string },
): number {
  const digest = hash('sha256', `${JSON.stringify(eventType)}\n${iso}\n${text.types}\n${text.values}`, 'hex');
  return parseInt(digest.slice(0, 12), 16);
}

/** The id of an attribute-types text in event_attribute_types, added on first use. */
export class EventTypesIdsV7 {
  private readonly known = new Map<string, number>();
  private readonly find: Statement<[string], number>;
  private readonly add: Statement<[string]>;

  constructor(db: Database) {
    this.find = db.prepare<[string], number>('SELECT id FROM event_attribute_types WHERE types = ?').pluck();
    this.add = db.prepare('INSERT INTO event_attribute_types (types) VALUES (?)');
  }

  idOf(types: string): number {
    let id = this.known.get(types);
    if (id === undefined) {
      id = this.find.get(types) ?? Number(this.add.run(types).lastInsertRowid);
      this.known.set(types, id);
    }
    return id;
  }
}
