/*
 * How one XML record element becomes one flat row. The record element is the row, so its children are
 * the columns; deeper elements are named by their path. Example for <book category="web"> … </book>:
 *
 *   record's own attributes        book@category        (the spelling; `@x` alone would clash
 *                                                        across files whose record elements differ)
 *   record's own text              book                 (only when the record element holds text)
 *   child element text             title
 *   nested element text            address.city
 *   child element attributes       title@lang, address.geo@lat
 *   element with text + children   its text goes to its own column, children to theirs
 *   repeated same-name elements    one column holding a JSON list, `["a","b"]`, the list type Intake
 *                                  imports. A child that repeats only in some records stays a plain
 *                                  value in the records where it occurs once: telling "one" from "a list
 *                                  of one" would need the whole file read first, and streaming is the
 *                                  point. Repeats are counted per column across the whole record, so
 *                                  <item><sku>1</sku></item><item><sku>2</sku></item> gives item.sku
 *                                  ["1","2"] (positions are not kept aligned between columns).
 *   empty leaf <x/>                x = "" (present but empty); an empty element with attributes or
 *                                  children gets no own column, its attributes/children carry it
 *   text                           trimmed at the edges of each run between child tags, runs joined by
 *                                  one space (mixed content); CDATA is plain text in that run
 *   namespaces                     names as written: `g:price`, `g:shipping.g:country`; default-namespace
 *                                  elements are plain; xmlns / xmlns:* attributes are not columns
 *   entities                       the five predefined and &#…; references are decoded by the parser;
 *                                  nothing else is ever expanded (see doctype-guard.ts)
 *   values                         always strings; a column absent from a record is absent from its Map
 */

interface Frame {
  column: string;
  /** Text runs already closed by a child tag, trimmed and joined. */
  done: string;
  /** The text run still open. */
  open: string;
  hasChildren: boolean;
  hasAttributes: boolean;
  /** This element put its own column into the record first, to keep first-seen column order. */
  reserved: boolean;
}

/** Builds one record's flat columns from the parser events inside the record element. */
export class RecordFlattener {
  private values = new Map<string, string[]>();
  private readonly frames: Frame[] = [];

  constructor(private readonly recordName: string) {}

  /** An element opened inside the record (the first call is the record element itself). */
  open(name: string, attributes: Record<string, string>): void {
    const parent = this.frames.at(-1);
    let column = this.recordName;
    if (parent) {
      flushRun(parent);
      parent.hasChildren = true;
      column = this.frames.length === 1 ? name : `${parent.column}.${name}`;
    }
    // Reserve the element's own column now, so `title` lists before `title@lang` as in the source.
    const reserved = !this.values.has(column);
    if (reserved) this.values.set(column, []);
    let hasAttributes = false;
    for (const attribute in attributes) {
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
      hasAttributes = true;
      this.add(`${column}@${attribute}`, attributes[attribute] ?? '');
    }
    this.frames.push({ column, done: '', open: '', hasChildren: false, hasAttributes, reserved });
  }

  /** Character data (text or CDATA) directly inside the innermost open element. */
  text(text: string): void {
    const frame = this.frames.at(-1);
    if (frame) frame.open += text;
  }

  /** The innermost element closed; true when that was the record element, i.e. the record is complete. */
  close(): boolean {
    const frame = this.frames.pop();
    if (!frame) return true;
    flushRun(frame);
    if (frame.done !== '' || (!frame.hasChildren && !frame.hasAttributes)) {
      this.add(frame.column, frame.done);
    } else if (frame.reserved && this.values.get(frame.column)?.length === 0) {
      this.values.delete(frame.column);
    }
    return this.frames.length === 0;
  }

  /** The finished record as column → value, repeated values as a JSON list; resets for reuse. */
  finish(): Map<string, string> {
    const record = toRecord(this.values);
    this.values = new Map();
    this.frames.length = 0;
    return record;
  }

  /** The columns seen so far in a record that has not closed (a preview head cut mid-record). */
  partial(): Map<string, string> {
    return toRecord(this.values);
  }

  private add(column: string, value: string): void {
    const list = this.values.get(column);
    if (list) list.push(value);
    else this.values.set(column, [value]);
  }
}

function flushRun(frame: Frame): void {
  if (frame.open === '') return;
  const run = frame.open.trim();
  frame.open = '';
  if (run !== '') frame.done = frame.done === '' ? run : `${frame.done} ${run}`;
}

function toRecord(values: Map<string, string[]>): Map<string, string> {
  const record = new Map<string, string>();
  for (const [column, list] of values) {
    if (list.length === 1) record.set(column, list[0] ?? '');
    else if (list.length > 1) record.set(column, JSON.stringify(list));
  }
  return record;
}
