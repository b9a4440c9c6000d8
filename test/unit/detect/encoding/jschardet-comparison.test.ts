import { beforeAll, describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../../src-main/services/detect/encoding/detect-encoding';
import { buildEncodingCases, decodeSample, type EncodingCase, type SampleSize } from './encoding-cases';
import { buildIntlSamples } from './intl-samples';
import { detectWithJschardetAlone } from './jschardet-alone';

interface Tally {
  ours: number;
  jschardet: number;
  total: number;
}

function percent(hits: number, total: number): string {
  return `${((hits / Math.max(1, total)) * 100).toFixed(2)}%`;
}

function judge(
  bytes: Uint8Array,
  expected: string,
  isComplete: boolean,
): { ours: boolean; jschardet: boolean } {
  const ours = detectEncoding(bytes, { isComplete });
  const baseline = detectWithJschardetAlone(bytes);
  return {
    ours: decodeSample(bytes, ours.encoding, ours.bomLength) === expected,
    jschardet: decodeSample(bytes, baseline.encoding, baseline.bomLength) === expected,
  };
}

describe('detectEncoding against jschardet alone', () => {
  const tallies = new Map<string, Tally>();
  const count = (key: string, result: { ours: boolean; jschardet: boolean }): void => {
    const tally = tallies.get(key) ?? { ours: 0, jschardet: 0, total: 0 };
    tally.total++;
    if (result.ours) tally.ours++;
    if (result.jschardet) tally.jschardet++;
    tallies.set(key, tally);
  };
  const tally = (key: string): Tally => tallies.get(key) ?? { ours: 0, jschardet: 0, total: 0 };

  beforeAll(() => {
    const cases: EncodingCase[] = buildEncodingCases();
    for (const testCase of cases) {
      const result = judge(testCase.bytes, testCase.expected, testCase.isComplete);
      count(testCase.size, result);
      count('all', result);
      if (!testCase.encoding.startsWith('utf-')) count(`single-byte ${testCase.size}`, result);
    }
    // Held-out text nobody tuned the corpus for: ICU's country, language and currency names and dates.
    for (const sample of buildIntlSamples(10)) count('intl', judge(sample.bytes, sample.expected, true));
  });

  it('is at least as accurate on the corpus, per size and overall', () => {
    const sizes: SampleSize[] = ['short', 'medium', 'long'];
    const columns = [...sizes, 'all'].map((key) => {
      const { ours, jschardet, total } = tally(key);
      return `${key}: ours ${percent(ours, total)} vs jschardet ${percent(jschardet, total)} (n=${total})`;
    });
    const singleByte = sizes.map((size) => {
      const { ours, jschardet, total } = tally(`single-byte ${size}`);
      return `${size} ${percent(ours, total)} vs ${percent(jschardet, total)}`;
    });
    console.log(`accuracy | ${columns.join(' | ')} | single-byte only: ${singleByte.join(', ')}`);
    for (const key of [...sizes, 'all']) expect(tally(key).ours).toBeGreaterThanOrEqual(tally(key).jschardet);
  });

  it('is at least as accurate on short held-out files built from ICU data', () => {
    const { ours, jschardet, total } = tally('intl');
    console.log(
      `held-out ICU samples (3 lines, single-byte): ours ${percent(ours, total)} vs jschardet ${percent(jschardet, total)} (n=${total})`,
    );
    expect(total).toBeGreaterThan(500);
    expect(ours).toBeGreaterThanOrEqual(jschardet);
  });
});
