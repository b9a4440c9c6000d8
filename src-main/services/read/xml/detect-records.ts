import { IntakeError } from '../../../../src-shared/errors';
import { createXmlRecordScanner } from './read-records';
import { createXmlParser } from './xml-parser';

/** Where the records are in an XML document and the flat columns they produce. */
export interface XmlLayout {
  /** Element names from the root to the record element, e.g. ['catalog','book'], qualified names as written. */
  recordPath: string[];
  /** Flattened column names (see flatten.ts) in first-seen order. */
  columns: string[];
}

interface PathStats {
  path: string[];
  /** The most times this element occurred under one parent element. */
  maxRepeats: number;
  /** First-seen order, the last tie-breaker. */
  order: number;
  childNames: Set<string>;
  hasAttributes: boolean;
}

interface OpenElement {
  key: string;
  childCounts: Map<string, number>;
}

/**
 * Finds the record element in the decoded start of a document (which may be cut anywhere): the element
 * that repeats most under one parent, ties going to the shallowest, then the first seen. With no repeats
 * a single record is accepted; with nothing to read as columns a VALIDATION error is thrown.
 */
export function detectXmlLayout(headText: string): XmlLayout {
  const stats = collectPathStats(headText);
  const recordPath = pickRepeating(stats) ?? pickSingleRecord(stats);
  return { recordPath, columns: collectColumns(headText, recordPath) };
}

// One structural pass; the head is bounded, so keeping per-path statistics is cheap.
function collectPathStats(headText: string): Map<string, PathStats> {
  const stats = new Map<string, PathStats>();
  const open: OpenElement[] = [];
  const parser = createXmlParser();
  parser.on('opentag', (tag) => {
    const parent = open.at(-1);
    // '/' cannot occur in an XML name, so it is a safe separator for the path key.
    const key = parent ? `${parent.key}/${tag.name}` : tag.name;
    let entry = stats.get(key);
    if (!entry) {
      const parentPath = parent ? (stats.get(parent.key)?.path ?? []) : [];
      entry = {
        path: [...parentPath, tag.name],
        maxRepeats: 0,
        order: stats.size,
        childNames: new Set(),
        hasAttributes: false,
      };
      stats.set(key, entry);
    }
    if (parent) {
      const count = (parent.childCounts.get(tag.name) ?? 0) + 1;
      parent.childCounts.set(tag.name, count);
      entry.maxRepeats = Math.max(entry.maxRepeats, count);
      stats.get(parent.key)?.childNames.add(tag.name);
    } else {
      entry.maxRepeats = Math.max(entry.maxRepeats, 1);
    }
    if (Object.keys(tag.attributes).some((name) => name !== 'xmlns' && !name.startsWith('xmlns:'))) {
      entry.hasAttributes = true;
    }
    open.push({ key, childCounts: new Map() });
  });
  parser.on('closetag', () => {
    open.pop();
  });
  // No close(): the head is usually cut mid-document, which is not an error here.
  parser.write(headText);
  return stats;
}

function pickRepeating(stats: Map<string, PathStats>): string[] | null {
  let best: PathStats | null = null;
  for (const entry of stats.values()) {
    if (entry.maxRepeats < 2) continue;
    if (
      !best ||
      entry.maxRepeats > best.maxRepeats ||
      (entry.maxRepeats === best.maxRepeats && entry.path.length < best.path.length)
    ) {
      best = entry; // stats iterate in first-seen order, so equal candidates keep the first
    }
  }
  return best ? best.path : null;
}

// Nothing repeats: the document is one record. Wrappers holding a single element are stepped through
// (<catalog><book>…</book></catalog> reads <book>), stopping at the element whose children are the columns.
function pickSingleRecord(stats: Map<string, PathStats>): string[] {
  let current = [...stats.values()].find((entry) => entry.path.length === 1);
  if (!current) {
    throw new IntakeError('VALIDATION', 'No repeating record element found: the text holds no XML element');
  }
  for (;;) {
    const [only] = current.childNames;
    if (current.childNames.size !== 1 || only === undefined) break;
    const child: PathStats | undefined = stats.get([...current.path, only].join('/'));
    if (!child || (child.childNames.size === 0 && !child.hasAttributes)) break;
    current = child;
  }
  if (current.childNames.size === 0 && !current.hasAttributes) {
    throw new IntakeError(
      'VALIDATION',
      `No repeating record element found: <${current.path.join('/')}> holds no child elements or attributes to read as columns`,
      { recordPath: current.path },
    );
  }
  return current.path;
}

function collectColumns(headText: string, recordPath: string[]): string[] {
  const columns = new Set<string>();
  const addColumns = (record: Map<string, string>): void => {
    for (const column of record.keys()) columns.add(column);
  };
  const scanner = createXmlRecordScanner(recordPath, addColumns);
  scanner.write(headText);
  const cut = scanner.partial();
  if (cut) addColumns(cut);
  return [...columns];
}
