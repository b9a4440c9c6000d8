import { hash } from 'node:crypto';
import type { MappedValue } from '../../../../src-shared/mapping/map-row';
import type { TimeValue } from '../../../../src-shared/values/civil-time';
import { canonicalJson, plainValue } from './stored-value';

/**
 * What makes two events of a customer the same: the event type, the timestamp to the microsecond
 * (its ISO text, exact where a double is not) and every attribute's name, type and value, sorted by
 * name. The type is part of it, so "1" (text) and 1 (number) differ; JSON objects compare by
 * content, not key order. Stored as a SHA-256 so the dedup memory stays small whatever the event.
 *
 * The text hashed is canonicalJson([eventType, iso, [[name, type, value]…]]), built by hand because
 * this runs once per event: only JSON-typed values can hold objects whose keys need sorting; every
 * other value's JSON.stringify is already canonical.
 */
export function eventDedupKey(
  eventType: string,
  timestamp: TimeValue,
  attributes: readonly MappedValue[],
): string {
  const sorted = isSortedByName(attributes)
    ? attributes
    : [...attributes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let text = `[${JSON.stringify(eventType)},${JSON.stringify(timestamp.iso)},[`;
  for (let i = 0; i < sorted.length; i++) {
    const { name, type, value } = sorted[i]!;
    const plain = plainValue(type, value);
    const json = type === 'json' ? canonicalJson(plain) : JSON.stringify(plain);
    text += `${i > 0 ? ',' : ''}[${JSON.stringify(name)},${JSON.stringify(type)},${json}]`;
  }
  return hash('sha256', `${text}]]`, 'base64url');
}

function isSortedByName(attributes: readonly MappedValue[]): boolean {
  for (let i = 1; i < attributes.length; i++) if (attributes[i - 1]!.name > attributes[i]!.name) return false;
  return true;
}
