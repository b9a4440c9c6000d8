import type { TimeValue } from '../../../../src-shared/values/civil-time';

export const DAY_MS = 86_400_000;
/** Whole seconds whose microseconds still fit a double exactly (up to about year 2255). */
const SAFE_SECONDS = 9_000_000_000;

/** The processing time as epoch milliseconds; tests pass a fixed one to control expiry. */
export function epochMs(at: Date | number): number {
  return typeof at === 'number' ? at : at.getTime();
}

/** ISO text of an epoch-milliseconds instant, the form of the workspace's bookkeeping times. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO text of the instant `days` after `ms`: an expiry. */
export function isoDaysAfter(ms: number, days: number): string {
  return isoAt(ms + days * DAY_MS);
}

/** Epoch microseconds of an epoch-milliseconds instant. */
export function msToMicros(ms: number): number {
  return Math.round(ms * 1000);
}

/**
 * Exact epoch microseconds of a parsed time. The fraction comes from the ISO text (always six
 * digits at a fixed place), because epochSeconds, a double, loses microseconds far from 1970;
 * beyond a double's exact range the result is a bigint, which SQLite stores as a 64-bit integer.
 */
export function timeMicros(time: TimeValue): number | bigint {
  const micro = Number(time.iso.slice(20, 26));
  const whole = Math.round(time.epochSeconds - micro / 1e6);
  if (Math.abs(whole) <= SAFE_SECONDS) return whole * 1_000_000 + micro;
  return BigInt(whole) * 1_000_000n + BigInt(micro);
}
