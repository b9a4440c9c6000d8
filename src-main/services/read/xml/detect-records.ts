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

// One node per distinct element path, linked to its parent: each element costs one lookup among its
// parent's children. Keying paths by their joined names and copying the path array per element made every
// element cost its depth, so 10,000 nested elements took 11 s and 1.5 GB.
interface PathStats {
  name: string;
  parent: PathStats | null;
  depth: number;
  children: Map<string, PathStats>;
  /** The most times this element occurred under one parent element. */
  maxRepeats: number;
  hasAttributes: boolean;
}

interface OpenElement {
  stats: PathStats;
  childCounts: Map<string, number>;
}

/**
 * Finds the record element in the decoded start of a document (which may be cut anywhere): the element
 * that repeats most under one parent, ties going to the shallowest, then the first seen. With no repeats
 * a single record is accepted; with nothing to read as columns a VALIDATION error is thrown.
 */
export function detectXmlLayout(headText: string): XmlLayout {
  const stats = collectPathStats(headText);
  const record = pickRepeating(stats) ?? pickSingleRecord(stats);
  const recordPath = pathOf(record);
  return { recordPath, columns: collectColumns(headText, recordPath) };
}

// One structural pass; the head is bounded, so keeping per-path statistics is cheap. Returns the paths
// in first-seen order, the last tie-breaker.
function collectPathStats(headText: string): PathStats[] {
  const stats: PathStats[] = [];
  const roots = new Map<string, PathStats>();
  const open: OpenElement[] = [];
  const parser = createXmlParser({
    opentag: (tag) => {
      const parent = open.at(-1);
      const siblings = parent ? parent.stats.children : roots;
      let entry = siblings.get(tag.name);
      if (!entry) {
        entry = {
          name: tag.name,
          parent: parent?.stats ?? null,
          depth: open.length + 1,
          children: new Map(),
          maxRepeats: 0,
          hasAttributes: false,
        };
        siblings.set(tag.name, entry);
        stats.push(entry);
      }
      const count = parent ? (parent.childCounts.get(tag.name) ?? 0) + 1 : 1;
      parent?.childCounts.set(tag.name, count);
      entry.maxRepeats = Math.max(entry.maxRepeats, count);
      if (Object.keys(tag.attributes).some((name) => name !== 'xmlns' && !name.startsWith('xmlns:'))) {
        entry.hasAttributes = true;
      }
      open.push({ stats: entry, childCounts: new Map() });
    },
    closetag: () => {
      open.pop();
    },
  });
  // No close(): the head is usually cut mid-document, which is not an error here.
  parser.write(headText);
  return stats;
}

function pickRepeating(stats: readonly PathStats[]): PathStats | null {
  let best: PathStats | null = null;
  for (const entry of stats) {
    if (entry.maxRepeats < 2) continue;
    if (
      !best ||
      entry.maxRepeats > best.maxRepeats ||
      (entry.maxRepeats === best.maxRepeats && entry.depth < best.depth)
    ) {
      best = entry; // stats are in first-seen order, so equal candidates keep the first
    }
  }
  return best;
}

// Nothing repeats: the document is one record. Wrappers holding a single element are stepped through
// (<catalog><book>…</book></catalog> reads <book>), stopping at the element whose children are the columns.
function pickSingleRecord(stats: readonly PathStats[]): PathStats {
  let current = stats[0];
  if (!current) {
    throw new IntakeError('VALIDATION', 'No repeating record element found: the text holds no XML element');
  }
  for (;;) {
    const [child] = current.children.values();
    if (current.children.size !== 1 || child === undefined) break;
    if (child.children.size === 0 && !child.hasAttributes) break;
    current = child;
  }
  if (current.children.size === 0 && !current.hasAttributes) {
    const recordPath = pathOf(current);
    throw new IntakeError(
      'VALIDATION',
      `No repeating record element found: <${recordPath.join('/')}> holds no child elements or attributes to read as columns`,
      { recordPath },
    );
  }
  return current;
}

function pathOf(entry: PathStats): string[] {
  const path: string[] = [];
  for (let at: PathStats | null = entry; at; at = at.parent) path.push(at.name);
  return path.reverse();
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
