import { IntakeError } from '../../../../src-shared/errors';
import type { XmlLayout } from './detect-records';
import { RecordFlattener } from './flatten';
import { createXmlParser } from './xml-parser';

/** A push reader: decoded text goes in chunk by chunk (any boundaries), records come out through onRecord. */
export interface XmlRecordReader {
  /** Parses the next chunk of decoded text; throws IntakeError on malformed XML or a refused DOCTYPE. */
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
 * held in memory (plus saxes' current text run), so a file of any size reads in flat memory.
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
  const parser = createXmlParser();
  // `matched` counts how many leading levels of the open-element stack equal recordPath; a record starts
  // when all of them do. This avoids keeping a stack of names beside the one saxes keeps.
  let depth = 0;
  let matched = 0;
  let record: RecordFlattener | null = null;
  let failure: unknown = null;

  parser.on('opentag', (tag) => {
    if (record) {
      record.open(tag.name, tag.attributes);
    } else if (matched === depth && tag.name === recordPath[depth]) {
      matched++;
      if (matched === recordDepth) {
        record = new RecordFlattener(tag.name);
        record.open(tag.name, tag.attributes);
      }
    } else if (depth === 0) {
      throw wrongRoot(tag.name, recordPath);
    }
    depth++;
  });
  parser.on('closetag', () => {
    depth--;
    if (record?.close()) {
      const done = record.finish();
      record = null;
      onRecord(done);
    }
    if (matched > depth) matched = depth;
  });
  const onText = (text: string): void => {
    if (record) record.text(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

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
