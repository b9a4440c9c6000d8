import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Offsets are cached per quarter hour of UTC: every transition since 1970 falls on one, and a bucket
// whose two ends disagree is never cached, so older odd-minute transitions stay exact.
const BUCKET_MS = 900_000;
const MAX_CACHED_BUCKETS = 200_000;

/** The UTC offset of a named zone at any instant, memoised because Intl lookups cost microseconds. */
export interface ZoneOffsets {
  readonly name: string;
  offsetMinutes(utcMs: number): number;
}

const zones = new Map<string, ZoneOffsets | null>();

/** True for zone names that need no lookup: wall time is UTC. */
export function isUtcZone(name: string): boolean {
  return name === 'UTC' || name === 'Etc/UTC' || name === 'GMT' || name === 'Etc/GMT';
}

/** The offsets of an IANA zone, or null for an unknown name; one shared instance per zone. */
export function zoneOffsets(name: string): ZoneOffsets | null {
  const known = zones.get(name);
  if (known !== undefined) return known;
  const zone = IANAZone.create(name);
  const offsets = zone.isValid ? cachedOffsets(zone) : null;
  zones.set(name, offsets);
  return offsets;
}

/**
 * Epoch ms of a wall-clock time (given as if it were UTC) in a zone. A time in a DST gap is read with
 * the offset before the gap, so it moves forward by the gap; a repeated time in a DST overlap is the
 * earlier instant. Both follow Temporal's 'compatible' choice, which luxon and java.time share.
 */
export function wallTimeToEpochMs(wallMs: number, offsets: ZoneOffsets): number {
  const before = offsets.offsetMinutes(wallMs - DAY_MS);
  const after = offsets.offsetMinutes(wallMs + DAY_MS);
  const withBefore = wallMs - before * MINUTE_MS;
  if (before === after) return withBefore;
  const withAfter = wallMs - after * MINUTE_MS;
  const beforeHolds = offsets.offsetMinutes(withBefore) === before;
  const afterHolds = offsets.offsetMinutes(withAfter) === after;
  if (beforeHolds && afterHolds) return Math.min(withBefore, withAfter);
  if (afterHolds && !beforeHolds) return withAfter;
  return withBefore;
}

function cachedOffsets(zone: IANAZone): ZoneOffsets {
  const cache = new Map<number, number>();
  return {
    name: zone.name,
    offsetMinutes(utcMs: number): number {
      const bucket = Math.floor(utcMs / BUCKET_MS);
      const hit = cache.get(bucket);
      if (hit !== undefined) return hit;
      const start = zone.offset(bucket * BUCKET_MS);
      const end = zone.offset(bucket * BUCKET_MS + BUCKET_MS - 1);
      if (start !== end) return zone.offset(utcMs);
      if (cache.size >= MAX_CACHED_BUCKETS) cache.clear();
      cache.set(bucket, start);
      return start;
    },
  };
}
