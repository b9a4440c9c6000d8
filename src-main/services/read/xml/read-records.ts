import { IntakeError } from '../../../../src-shared/errors';
import { LIMITS } from '../../../../src-shared/limits';
import type { XmlLayout } from './detect-records';
import { RecordFlattener } from './flatten';
import { createXmlParser } from './xml-parser';

/** A push reader: decoded text goes in chunk by chunk (any boundaries), records come out through onRecord. */
export interface XmlRecordReader {
  /** Parses the next chunk of decoded text; throws IntakeError on malformed XML, a refused DOCTYPE or a limit. */
  write(chunk: string): void;
  /** Ends the document; throws IntakeError if it ended early (unclosed tags). */
  end(): void;
}

/** The reader plus what a preview needs: the record still open when the text ran out. */
export interface XmlRecordScanner extends XmlRecordReader {
  /** The columns read so far from a record that has not closed, or null outside a record. */
  partial(): Map<string, string> | null;
}

/**
 * Streams records of the element at `recordPath`, flattened per flatten.ts. Only the record being read is
 * held in memory (plus saxes' current text run and a bounded set of column names), so a file of any size
 * reads in flat memory. A record is at most LIMITS.sourceColumns wide and LIMITS.xmlDepth deep, else LIMIT.
 */
export function createXmlRecordReader(
  layout: Pick<XmlLayout, 'recordPath'>,
  onRecord: (record: Map<string, string>) => void,
): XmlRecordReader {
  const { write, end } = createXmlRecordScanner(layout.recordPath, onRecord);
  return { write, end };
}

/** createXmlRecordReader with access to a cut-off last record, for detection on a document's head. */
export function createXmlRecordScanner(
  recordPath: readonly string[],
  onRecord: (record: Map<string, string>) => void,
): XmlRecordScanner {
  const recordDepth = recordPath.length;
  if (recordDepth === 0) {
    throw new IntakeError('VALIDATION', 'No XML record element was chosen (the record path is empty)');
  }
  // `matched` counts how many leading levels of the open-element stack equal recordPath; a record starts
  // when all of them do. This avoids keeping a stack of names beside the one saxes keeps.
  let depth = 0;
  let matched = 0;
  // One flattener for every record, so records of one shape share their column names.
  const flattener = new RecordFlattener(recordPath[recordDepth - 1] ?? '');
  let record: RecordFlattener | null = null;
  let recordLine = 0;
  let recordCount = 0;
  let failure: unknown = null;

  const parser = createXmlParser({
    opentag: (tag) => {
      if (record) {
        record.open(tag.name, tag.attributes);
        assertWithinColumns(record, tag.name);
      } else if (matched === depth && tag.name === recordPath[depth]) {
        matched++;
        if (matched === recordDepth) {
          record = flattener;
          recordLine = parser.line;
          record.open(tag.name, tag.attributes);
        }
      } else if (depth === 0) {
        throw wrongRoot(tag.name, recordPath);
      }
      depth++;
    },
    closetag: (tag) => {
      depth--;
      if (matched > depth) matched = depth;
      if (!record) return;
      const finished = record.close();
      assertWithinColumns(record, tag.name);
      if (finished) {
        const done = record.finish();
        record = null;
        recordCount++;
        onRecord(done);
      }
    },
    text: (text) => record?.text(text),
  });

  // Checked as the record grows, so a record of a million distinct children stops at the first one past
  // the limit instead of being held whole. The parser already refuses one element's excess attributes.
  const assertWithinColumns = (open: RecordFlattener, element: string): void => {
    if (open.columnCount <= LIMITS.sourceColumns) return;
    const name = recordPath[recordDepth - 1] ?? '';
    throw new IntakeError(
      'LIMIT',
      `XML record ${recordCount + 1} (<${name}> at line ${recordLine}) is too wide: more than ` +
        `${LIMITS.sourceColumns} columns (${open.columnCount} when reading stopped at <${element}>, line ` +
        `${parser.line}), over the ${LIMITS.sourceColumns}-column limit`,
      { record: recordCount + 1, columns: open.columnCount, limit: LIMITS.sourceColumns, line: parser.line },
    );
  };

  // After a throw saxes' state is undefined; later calls repeat the first error instead of parsing on.
  const guarded = (step: () => void): void => {
    if (failure) throw failure;
    try {
      step();
    } catch (error) {
      failure = error;
      throw error;
    }
  };
  return {
    write: (chunk) => guarded(() => parser.write(chunk)),
    end: () => guarded(() => parser.close()),
    partial: () => (record ? record.partial() : null),
  };
}

function wrongRoot(root: string, recordPath: readonly string[]): IntakeError {
  const expected = recordPath.map((name) => `<${name}>`).join('/');
  return new IntakeError(
    'VALIDATION',
    `No records ${expected} in this XML: its root element is <${root}>, not <${recordPath[0] ?? ''}>`,
    { root, recordPath: [...recordPath] },
  );
}
