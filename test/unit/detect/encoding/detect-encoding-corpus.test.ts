import { beforeAll, describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../../src-main/services/detect/encoding/detect-encoding';
import {
  buildEncodingCases,
  caseLabel,
  decodeSample,
  type EncodingCase,
  type SampleSize,
} from './encoding-cases';

// Accuracy is "the decoded text equals the original", not label equality: cp1252 and latin1 decode a
// file without bytes 0x80–0x9F identically, and either answer is right.
function decodesCorrectly(testCase: EncodingCase): boolean {
  const guess = detectEncoding(testCase.bytes, { isComplete: testCase.isComplete });
  return decodeSample(testCase.bytes, guess.encoding, guess.bomLength) === testCase.expected;
}

describe('detectEncoding on the multilingual corpus', () => {
  let cases: EncodingCase[] = [];
  const failures: string[] = [];
  beforeAll(() => {
    cases = buildEncodingCases();
    for (const testCase of cases) if (!decodesCorrectly(testCase)) failures.push(caseLabel(testCase));
  });

  it('covers every language in every encoding that represents it, in three sizes', () => {
    expect(new Set(cases.map((testCase) => testCase.language.code)).size).toBeGreaterThanOrEqual(31);
    expect(new Set(cases.map((testCase) => testCase.encoding)).size).toBe(14);
    const sizes: SampleSize[] = ['short', 'medium', 'long'];
    for (const size of sizes)
      expect(cases.filter((testCase) => testCase.size === size).length).toBe(cases.length / 3);
  });

  it('decodes at least 99.7% of all samples correctly', () => {
    const accuracy = 1 - failures.length / cases.length;
    console.log(
      `encoding detection: ${cases.length - failures.length}/${cases.length} correct (${(accuracy * 100).toFixed(2)}%)`,
    );
    expect(accuracy, `failed: ${failures.join(', ')}`).toBeGreaterThanOrEqual(0.997);
  });

  it('decodes every UTF-8 and UTF-16 sample, with and without a byte order mark', () => {
    const unicodeFailures = failures.filter((label) => / utf-/.test(label));
    expect(cases.filter((testCase) => testCase.encoding.startsWith('utf-')).length).toBeGreaterThan(500);
    expect(unicodeFailures).toEqual([]);
  });

  it('skips exactly the byte order mark it reports', () => {
    for (const testCase of cases.filter((candidate) => candidate.withBom && candidate.size === 'short')) {
      const guess = detectEncoding(testCase.bytes, { isComplete: true });
      expect(guess, caseLabel(testCase)).toMatchObject({ encoding: testCase.encoding, confidence: 1 });
      expect(guess.bomLength).toBe(testCase.encoding === 'utf-8' ? 3 : 2);
    }
  });
});
