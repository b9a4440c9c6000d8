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
 *                                  with a DOCTYPE, its internal entities too, within limits, and the
 *                                  XHTML character entities when it names an external DTD (never read):
 *                                  see doctype.ts and entity-expansion.ts
 *   values                         always strings; a column absent from a record is absent from its Map
 */

// Column names are built only for elements that give a value, once per distinct path: building `a.b.c`
// and `a.b.c@k` for every element opened made each element cost its depth (1,000 records of 255 nested
// elements with an attribute each took 10 s to read; 1.3 s now). The paths are kept from record to record
// (records share their shape, and their rows then share the name strings) until there are PATHS_KEPT.
const PATHS_KEPT = 4096;

interface PathNode {
  name: string;
  parent: PathNode | null;
  children: Map<string, PathNode>;
  /** The column name, built on first use. */
  column: string | null;
  /** `column@attribute` names, built on first use. */
  attributeColumns: Map<string, string> | null;
}

interface Frame {
  node: PathNode;
  /** When the element opened: its own column sorts there, before its attributes and children. */
  order: number;
  /** Text runs already closed by a child tag, trimmed and joined. */
  done: string;
  /** The text run still open. */
  open: string;
  hasChildren: boolean;
  hasAttributes: boolean;
}

interface ColumnValues {
  /** First-seen order in the source (see Frame.order). */
  order: number;
  list: string[];
}

/** Builds one record's flat columns from the parser events inside the record element. */
export class RecordFlattener {
  private values = new Map<string, ColumnValues>();
  private readonly frames: Frame[] = [];
  private root: PathNode;
  private paths = 1;
  private sequence = 0;

  constructor(private readonly recordName: string) {
    this.root = pathNode(recordName, null);
  }

  /** Columns holding a value so far in this record. */
  get columnCount(): number {
    return this.values.size;
  }

  /** An element opened inside the record (the first call is the record element itself). */
  open(name: string, attributes: Record<string, string>): void {
    const parent = this.frames.at(-1);
    let node = this.root;
    if (parent) {
      flushRun(parent);
      parent.hasChildren = true;
      let child = parent.node.children.get(name);
      if (!child) {
        child = pathNode(name, parent.node);
        parent.node.children.set(name, child);
        this.paths++;
      }
      node = child;
    }
    const order = this.sequence++;
    let hasAttributes = false;
    for (const attribute in attributes) {
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
      hasAttributes = true;
      this.add(this.attributeColumn(node, attribute), attributes[attribute] ?? '', this.sequence++);
    }
    this.frames.push({ node, order, done: '', open: '', hasChildren: false, hasAttributes });
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
    // An empty element with attributes or children gets no own column: they carry it.
    if (frame.done !== '' || (!frame.hasChildren && !frame.hasAttributes)) {
      this.add(this.column(frame.node), frame.done, frame.order);
    }
    return this.frames.length === 0;
  }

  /** The finished record as column → value, repeated values as a JSON list; resets for reuse. */
  finish(): Map<string, string> {
    const record = toRecord(this.values);
    this.values = new Map();
    this.frames.length = 0;
    this.sequence = 0;
    if (this.paths > PATHS_KEPT) {
      this.root = pathNode(this.recordName, null);
      this.paths = 1;
    }
    return record;
  }

  /** The columns seen so far in a record that has not closed (a preview head cut mid-record). */
  partial(): Map<string, string> {
    return toRecord(this.values);
  }

  private add(column: string, value: string, order: number): void {
    const entry = this.values.get(column);
    if (entry) entry.list.push(value);
    // A child named like the record shares the record's own column, which sorts first: the record opened first.
    else this.values.set(column, { order: column === this.recordName ? 0 : order, list: [value] });
  }

  // The record element's column is its name; below it, names joined by '.' from the record's children.
  private column(node: PathNode): string {
    if (node.column !== null) return node.column;
    const names: string[] = [];
    for (let at: PathNode | null = node; at?.parent; at = at.parent) names.push(at.name);
    node.column = node === this.root ? this.recordName : names.reverse().join('.');
    return node.column;
  }

  private attributeColumn(node: PathNode, attribute: string): string {
    node.attributeColumns ??= new Map();
    let column = node.attributeColumns.get(attribute);
    if (column === undefined) {
      column = `${this.column(node)}@${attribute}`;
      node.attributeColumns.set(attribute, column);
    }
    return column;
  }
}

function pathNode(name: string, parent: PathNode | null): PathNode {
  return { name, parent, children: new Map(), column: null, attributeColumns: null };
}

function flushRun(frame: Frame): void {
  if (frame.open === '') return;
  const run = frame.open.trim();
  frame.open = '';
  if (run !== '') frame.done = frame.done === '' ? run : `${frame.done} ${run}`;
}

function toRecord(values: Map<string, ColumnValues>): Map<string, string> {
  const record = new Map<string, string>();
  const entries = [...values].sort(([, a], [, b]) => a.order - b.order);
  for (const [column, { list }] of entries) {
    record.set(column, list.length === 1 ? (list[0] ?? '') : JSON.stringify(list));
  }
  return record;
}
