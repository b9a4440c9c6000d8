import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../../../src-main/services/detect/dialect/detect-dialect';
import { detectHeader } from '../../../../src-main/services/detect/dialect/detect-header';
import { parseSample } from '../../../../src-main/services/detect/dialect/parse-sample';
import {
  DELIMITERS,
  DELIMITER_NAMES,
  type Delimiter,
  type Newline,
} from '../../../../src-shared/model/dialect';

interface Annotation {
  delimiter: Delimiter;
  newline: Newline;
  hasHeader: boolean;
  origin: string;
  note?: string;
}

const CORPUS = join(import.meta.dirname, '../../../fixtures/dialect-corpus');
const annotations = JSON.parse(readFileSync(join(CORPUS, 'annotations.json'), 'utf8')) as Record<
  string,
  Annotation
>;
const files = Object.entries(annotations).map(([file, annotation]) => ({
  file,
  annotation,
  text: readFileSync(join(CORPUS, file), 'utf8'),
}));

/** Share right overall and per annotated delimiter, as one log line. */
function summarise(label: string, right: (entry: (typeof files)[number]) => boolean): number {
  let total = 0;
  const parts: string[] = [];
  for (const delimiter of DELIMITERS) {
    const group = files.filter((entry) => entry.annotation.delimiter === delimiter);
    const ok = group.filter(right).length;
    total += ok;
    if (group.length > 0) parts.push(`${DELIMITER_NAMES[delimiter]} ${ok}/${group.length}`);
  }
  const accuracy = total / files.length;
  console.log(`${label}: ${total}/${files.length} (${(accuracy * 100).toFixed(1)}%) | ${parts.join(', ')}`);
  return accuracy;
}

describe('dialect detection on the annotated corpus', () => {
  it('has a corpus of real-world files', () => {
    expect(files.length).toBeGreaterThanOrEqual(80);
    for (const delimiter of DELIMITERS) {
      expect(files.some((entry) => entry.annotation.delimiter === delimiter)).toBe(true);
    }
  });

  it('gets at least 97% of delimiters right, and no fewer than papaparse', () => {
    const ours = summarise('intake delimiter', (entry) => {
      return detectDialect(entry.text).delimiter === entry.annotation.delimiter;
    });
    // Papaparse's own guess, counted wrong when it is not one of ours or not the annotated one.
    const papa = summarise('papaparse delimiter', (entry) => {
      return Papa.parse(entry.text, { preview: 50 }).meta.delimiter === entry.annotation.delimiter;
    });
    expect(ours).toBeGreaterThanOrEqual(0.97);
    expect(ours).toBeGreaterThanOrEqual(papa);
  });

  it('gets the line endings right', () => {
    const newline = files.filter((entry) => detectDialect(entry.text).newline === entry.annotation.newline);
    expect(newline.length).toBe(files.length);
  });

  it('gets most header rows right', () => {
    const right = files.filter((entry) => {
      const { rows } = parseSample(entry.text, entry.annotation.delimiter, {
        isComplete: true,
        collapseSpaces: true,
      });
      return detectHeader(rows.map((row) => row.map((cell) => cell.text))) === entry.annotation.hasHeader;
    });
    console.log(`intake header: ${right.length}/${files.length}`);
    // Files that open with titles or comments are judged by their first line, which is rarely names.
    expect(right.length / files.length).toBeGreaterThanOrEqual(0.9);
  });
});
