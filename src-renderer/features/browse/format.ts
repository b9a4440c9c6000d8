/** A stored value as compact text: JSON for lists and objects, the text itself for strings. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}
