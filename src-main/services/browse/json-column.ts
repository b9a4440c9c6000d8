/** A JSON text column's value; NULL (a blank) stays null. The workspace writes these columns itself. */
export function parseJsonColumn(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

/** A JSON object column ({name: value}) as a record. */
export function parseJsonObject<T>(text: string): Record<string, T> {
  return JSON.parse(text) as Record<string, T>;
}
