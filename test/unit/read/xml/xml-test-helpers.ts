import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createXmlRecordReader } from '../../../../src-main/services/read/xml/read-records';

/** A fixture from test/fixtures/xml as text. */
export function xmlFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../fixtures/xml/${name}`, import.meta.url)), 'utf8');
}

/** Splits text into chunks of the given sizes, cycling through them. */
export function chunked(text: string, sizes: readonly number[]): string[] {
  const chunks: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** Reads every record of a document through the streaming reader, as plain objects for easy comparison. */
export function readAll(text: string | readonly string[], recordPath: string[]): Record<string, string>[] {
  const records: Record<string, string>[] = [];
  const reader = createXmlRecordReader({ recordPath }, (record) => records.push(Object.fromEntries(record)));
  for (const chunk of typeof text === 'string' ? [text] : text) reader.write(chunk);
  reader.end();
  return records;
}

/** Runs fn and returns what it threw, failing the test if it did not throw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Reads a document until it is refused: the records that came out before, and what was thrown. */
export function readUntilRefused(
  text: string | readonly string[],
  recordPath: string[],
): { records: Record<string, string>[]; error: unknown } {
  const records: Record<string, string>[] = [];
  const reader = createXmlRecordReader({ recordPath }, (record) => records.push(Object.fromEntries(record)));
  const error = thrown(() => {
    for (const chunk of typeof text === 'string' ? [text] : text) reader.write(chunk);
    reader.end();
  });
  return { records, error };
}
