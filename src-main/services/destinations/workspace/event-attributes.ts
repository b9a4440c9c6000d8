import type { MappedValue } from '../../../../src-shared/mapping/map-row';
import { compareNames } from '../../workspace/event-attributes-text';
import { valueJson } from './event-dedup-key';
import { plainValue } from './stored-value';

/**
 * An event's attributes as the workspace stores them (schema 20): the values, and the set of names
 * and types they belong to, both sorted by name so equal attributes give equal texts whatever the
 * file's column order.
 */
export interface StoredAttributes {
  /** `[value,…]`: canonical JSON values (equal values, equal text) in the order of `types`. */
  values: string;
  /** `[["name","type"],…]`; stored once per distinct text in event_attribute_types. */
  types: string;
}

interface Shape {
  names: string[];
  types: string[];
  /** Indexes of the attributes, sorted by name. */
  order: number[];
  typesText: string;
  /** No JSON-typed attribute: every value's canonical JSON is what JSON.stringify writes. */
  plain: boolean;
}

/**
 * Turns a record's attributes into their stored texts (StoredAttributes). A mapping gives every
 * record the same attributes in the same order (included columns and statics, blanks included),
 * so the order and the types text are worked out once and reused while the names and types match
 * (the same types string object each time, which EventPreparer compares with the last one by
 * pointer). This runs once per event.
 */
export class EventAttributesEncoder {
  private shape: Shape | null = null;

  encode(attributes: readonly MappedValue[]): StoredAttributes {
    const { order, typesText, plain } = this.shapeOf(attributes);
    if (plain) {
      // One JSON.stringify of the array writes the same text as valueJson of each value joined by
      // commas (numbers as String() writes them, non-finite ones as null, strings escaped alike),
      // in one call instead of one per value and without a concatenated string to flatten later:
      // a tenth of the preparing thread's time went to valueJson (issue 18's profile).
      const plainValues = new Array<unknown>(order.length);
      for (let i = 0; i < order.length; i++) {
        const { type, value } = attributes[order[i]!]!;
        plainValues[i] = plainValue(type, value);
      }
      return { values: JSON.stringify(plainValues), types: typesText };
    }
    let values = '[';
    for (let i = 0; i < order.length; i++) {
      const { type, value } = attributes[order[i]!]!;
      if (i > 0) values += ',';
      values += valueJson(type, plainValue(type, value));
    }
    return { values: `${values}]`, types: typesText };
  }

  private shapeOf(attributes: readonly MappedValue[]): Shape {
    const shape = this.shape;
    if (shape && sameShape(shape, attributes)) return shape;
    const order = attributes
      .map((_, index) => index)
      .sort((a, b) => compareNames(attributes[a]!.name, attributes[b]!.name));
    this.shape = {
      names: attributes.map((a) => a.name),
      types: attributes.map((a) => a.type),
      order,
      typesText: typesPairsText(order.map((index) => attributes[index]!)),
      plain: attributes.every((a) => a.type !== 'json'),
    };
    return this.shape;
  }
}

/** Whether the attributes have the shape's names and types, in order (a loop: once per event). */
function sameShape(shape: Shape, attributes: readonly MappedValue[]): boolean {
  if (shape.names.length !== attributes.length) return false;
  for (let i = 0; i < attributes.length; i++) {
    if (attributes[i]!.name !== shape.names[i] || attributes[i]!.type !== shape.types[i]) return false;
  }
  return true;
}

/** `[["name","type"],…]` of attributes in the order given. */
function typesPairsText(attributes: readonly Pick<MappedValue, 'name' | 'type'>[]): string {
  return `[${attributes.map(({ name, type }) => `[${JSON.stringify(name)},"${type}"]`).join(',')}]`;
}
