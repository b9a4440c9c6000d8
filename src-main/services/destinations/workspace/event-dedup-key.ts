import { createHash } from 'node:crypto';
import type { MappedValue } from '../../../../src-shared/mapping/map-row';
import type { TimeValue } from '../../../../src-shared/values/civil-time';
import { canonicalJson, plainValue } from './stored-value';

/**
 * What makes two events of a customer the same: the event type, the timestamp to the microsecond
 * (its ISO text, exact where a double is not) and every attribute's name, type and value, sorted by
 * name. The type is part of it, so "1" (text) and 1 (number) differ; JSON objects compare by
 * content, not key order. Stored as a SHA-256 so the dedup memory stays small whatever the event.
 */
export function eventDedupKey(
  eventType: string,
  timestamp: TimeValue,
  attributes: readonly MappedValue[],
): string {
  const sorted = [...attributes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const canonical = canonicalJson([
    eventType,
    timestamp.iso,
    sorted.map(({ name, type, value }) => [name, type, plainValue(type, value)]),
  ]);
  return createHash('sha256').update(canonical).digest('base64url');
}
