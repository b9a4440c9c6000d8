/** The outcome of reading one raw cell as a data type; reasons are shown to users as they are. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Wraps a successfully parsed value. */
export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** Wraps a refusal with a user-facing reason that names the expected form. */
export function refused<T = never>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}

/** Quotes a raw value for a reason, shortened so a 28 KB cell does not flood a rejects table. */
export function quoteRaw(raw: string): string {
  const shown = raw.length > 40 ? `${raw.slice(0, 37)}…` : raw;
  return `"${shown}"`;
}
