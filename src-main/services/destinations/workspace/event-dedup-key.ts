import { hash } from 'node:crypto';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { JsonValue } from '../../../../src-shared/values/json';
import type { MappedValue } from '../../../../src-shared/mapping/map-row';
import { compareNames } from '../../workspace/event-attributes-text';
import { canonicalJson, plainValue } from './stored-value';

/** One attribute of an event as stored: its name, value type and plain JSON value. */
export interface PlainAttribute {
  name: string;
  type: ColumnType;
  value: JsonValue;
}

/**
 * An event's attributes as pushes key them (and as the workspace stored them until schema 20):
 * values and their types, names sorted.
 */
export interface EventAttributesText {
  /** {name: value}, names sorted, JSON values with their keys sorted: equal values, equal text. */
  values: string;
  /** {name: type}, names sorted; stored once per distinct text in event_attribute_types. */
  types: string;
}

/** A record's attributes as plain values, sorted by name: what attributesText takes. */
export function sortedPlainAttributes(attributes: readonly MappedValue[]): PlainAttribute[] {
  return attributes
    .map(({ name, type, value }) => ({ name, type, value: plainValue(type, value) }))
    .sort((a, b) => compareNames(a.name, b.name));
}

/** The stored texts of attributes given sorted by name (see valuesText, typesText). */
export function attributesText(sorted: readonly PlainAttribute[]): EventAttributesText {
  return { values: valuesText(sorted), types: typesText(sorted) };
}

/** {name: value} of attributes sorted by name. */
export function valuesText(sorted: readonly PlainAttribute[]): string {
  let text = '{';
  for (let i = 0; i < sorted.length; i++) {
    const { name, type, value } = sorted[i]!;
    text += `${i > 0 ? ',' : ''}${JSON.stringify(name)}:${valueJson(type, value)}`;
  }
  return `${text}}`;
}

/**
 * A value's canonical JSON text. Only JSON-typed values can hold objects whose keys need sorting;
 * every other value's JSON.stringify is already canonical (and a finite number's String() is the
 * same text, faster).
 */
export function valueJson(type: ColumnType, value: JsonValue): string {
  if (type === 'json') return canonicalJson(value);
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : JSON.stringify(value);
}

/** {name: type} of attributes sorted by name. */
export function typesText(sorted: readonly Pick<PlainAttribute, 'name' | 'type'>[]): string {
  return `{${sorted.map(({ name, type }) => `${JSON.stringify(name)}:"${type}"`).join(',')}}`;
}

/**
 * What makes two events of a customer the same: the event type, the timestamp to the microsecond
 * (its ISO text, exact where a double is not) and every attribute's name, type and value. The
 * type is part of it, so "1" (text) and 1 (number) differ; JSON objects compare by content, not
 * key order (the texts are canonical, see attributesText).
 *
 * The key is the first 48 bits of a SHA-256: a whole number JavaScript holds exactly. It is only ever
 * compared among one customer's events at the same microsecond (the lookup goes through
 * events_by_customer), so a false match needs two different events of a customer at one
 * microsecond to collide, about 1 in 2^48.
 */
export function eventDedupKey(eventType: string, iso: string, attributes: EventAttributesText): number {
  const digest = hash(
    'sha256',
    `${JSON.stringify(eventType)}\n${iso}\n${attributes.types}\n${attributes.values}`,
    'hex',
  );
  // Hex rather than a Buffer: a Buffer per event costs the GC more than the string does.
  return parseInt(digest.slice(0, 12), 16);
}
