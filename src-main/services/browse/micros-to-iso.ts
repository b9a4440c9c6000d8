import { formatIsoUtc } from '../../../src-shared/values/civil-time';

const MICROS_PER_SECOND = 1_000_000n;

/**
 * ISO 8601 UTC with six fraction digits (2026-11-23T10:00:00.123456Z) of epoch microseconds, the
 * form the workspace stores data times in. Takes a bigint so times far from 1970, past a double's
 * exact range, keep their last digits; the fraction stays positive before 1970.
 */
export function microsToIso(micros: number | bigint): string {
  const exact = BigInt(micros);
  let seconds = exact / MICROS_PER_SECOND;
  let fraction = exact % MICROS_PER_SECOND;
  if (fraction < 0n) {
    fraction += MICROS_PER_SECOND;
    seconds -= 1n;
  }
  return formatIsoUtc(Number(seconds), Number(fraction));
}

/** microsToIso for a nullable column. */
export function optionalMicrosToIso(micros: number | bigint | null): string | null {
  return micros === null ? null : microsToIso(micros);
}
