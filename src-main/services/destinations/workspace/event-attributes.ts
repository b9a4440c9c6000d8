import type { MappedValue } from '../../../../src-shared/mapping/map-row';
import { typesText, valueJson, type EventAttributesText } from './event-dedup-key';
import { plainValue } from './stored-value';

interface Shape {
  names: string[];
  types: string[];
  /** Indexes of the attributes, sorted by name. */
  order: number[];
  /** Per sorted attribute, the text before its value: `"name":`, after a comma but the first. */
  prefixes: string[];
  typesText: string;
}

/**
 * Turns a record's attributes into their stored texts, the same as valuesText and typesText of
 * the attributes sorted by name. A mapping gives every record the same attributes in the same
 * order (included columns and statics, blanks included), so the order, the names' JSON and the
 * types text are worked out once and reused while the names and types match (the same types
 * string object each time, which EventPreparer compares with the last one by pointer). This runs once per event.
 */
export class EventAttributesEncoder {
  private shape: Shape | null = null;

  encode(attributes: readonly MappedValue[]): EventAttributesText {
    const { order, prefixes, typesText } = this.shapeOf(attributes);
    let values = '{';
    for (let i = 0; i < order.length; i++) {
      const { type, value } = attributes[order[i]!]!;
      values += prefixes[i]! + valueJson(type, plainValue(type, value));
    }
    return { values: `${values}}`, types: typesText };
  }

  private shapeOf(attributes: readonly MappedValue[]): Shape {
    const shape = this.shape;
    if (
      shape &&
      shape.names.length === attributes.length &&
      attributes.every((a, i) => a.name === shape.names[i] && a.type === shape.types[i])
    ) {
      return shape;
    }
    const order = attributes
      .map((_, index) => index)
      .sort((a, b) => compareNames(attributes[a]!.name, attributes[b]!.name));
    this.shape = {
      names: attributes.map((a) => a.name),
      types: attributes.map((a) => a.type),
      order,
      prefixes: order.map((index, i) => `${i > 0 ? ',' : ''}${JSON.stringify(attributes[index]!.name)}:`),
      typesText: typesText(order.map((index) => attributes[index]!)),
    };
    return this.shape;
  }
}

/** Code-unit order, the order JSON text of the names would sort in. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
