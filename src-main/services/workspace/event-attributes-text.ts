/**
 * Reading an event's stored attributes (schema 20): `attributes` is a JSON array of values, in the
 * order of its attribute-types set in event_attribute_types, `[["name","type"],…]` sorted by name.
 * The destination writes them (EventAttributesEncoder), the Data page reads them back by name.
 */

/** Code-unit order, the order the names of an attribute-types set are sorted in. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The names and types of a stored attribute-types set, in its order. */
export function parseAttributeTypes(types: string): [name: string, type: string][] {
  const parsed: unknown = JSON.parse(types);
  if (!Array.isArray(parsed)) throw new Error(`Not an attribute-types set: ${types.slice(0, 80)}`);
  return parsed as [string, string][];
}

/** An event's attributes by name, from its stored values and types texts. */
export function attributesByName(
  types: string,
  values: string,
): { attributes: Record<string, unknown>; attributeTypes: Record<string, string> } {
  const pairs = parseAttributeTypes(types);
  const parsed: unknown = JSON.parse(values);
  const list = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  const attributes: Record<string, unknown> = {};
  const attributeTypes: Record<string, string> = {};
  pairs.forEach(([name, type], at) => {
    attributes[name] = list[at] ?? null;
    attributeTypes[name] = type;
  });
  return { attributes, attributeTypes };
}
