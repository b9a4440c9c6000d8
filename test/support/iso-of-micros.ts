/**
 * SQL for the ISO text (milliseconds, `Z`) of an epoch-microseconds column: how tests read the
 * workspace's bookkeeping times, stored as ISO text until schema 20 and compared as such.
 */
export function isoOfMicros(column: string): string {
  return `strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000000.0, 'unixepoch')`;
}
