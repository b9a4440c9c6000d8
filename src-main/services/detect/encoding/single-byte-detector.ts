import type { Encoding } from '../../../../src-shared/model/dialect';
import { rankWithJschardet } from './jschardet-ranking';
import { collectStats, scorePlausibility, type PlausibilityScore } from './plausibility-score';
import {
  BYTE_TABLES,
  SINGLE_BYTE_ENCODINGS,
  type ByteTable,
  type SingleByteEncoding,
} from './single-byte-tables';

/** The single-byte encoding that reads a sample most plausibly. */
export interface SingleByteGuess {
  encoding: SingleByteEncoding;
  confidence: number;
  reason: string;
  /** Mean plausibility per non-ASCII byte (see PlausibilityScore.score). */
  score: number;
}

/** Human names of the single-byte encodings, for reasons. */
export const ENCODING_LABELS: Readonly<Record<SingleByteEncoding, string>> = {
  cp1250: 'Windows-1250',
  cp1251: 'Windows-1251',
  cp1252: 'Windows-1252',
  cp1253: 'Windows-1253',
  cp1254: 'Windows-1254',
  cp1255: 'Windows-1255',
  cp1256: 'Windows-1256',
  cp1257: 'Windows-1257',
  cp1258: 'Windows-1258',
  latin1: 'ISO-8859-1',
  'iso-8859-2': 'ISO-8859-2',
};

// When the runner-up reads nearly as well (in nats per non-ASCII byte), jschardet's bigram models get a say.
const JSCHARDET_MARGIN = 0.5;
const JSCHARDET_WEIGHT = 0.5;
// A code page usually used for the detected language wins over an identical-scoring stranger.
const HOME_BONUS = 0.05;
// How common each code page is among legacy files (log-odds against Windows-1252), counted once per
// sample: it decides only when a few non-ASCII bytes fit two code pages about equally.
const PRIOR: Readonly<Record<SingleByteEncoding, number>> = {
  cp1252: 0,
  latin1: -0.2,
  cp1250: -0.7,
  cp1251: -0.7,
  'iso-8859-2': -1,
  cp1253: -1.2,
  cp1254: -1.2,
  cp1256: -1.2,
  cp1255: -1.5,
  cp1257: -1.5,
  cp1258: -2,
};
// Below this mean score no candidate reads as text.
const GARBAGE_SCORE = -8;
const FLUENT_SCORE = -3;

interface Candidate extends PlausibilityScore {
  table: ByteTable;
  adjusted: number;
}

/**
 * Picks the single-byte encoding whose decoding of the sample reads most like text in some language,
 * asking jschardet only when two encodings that decode differently score close. Encodings that decode
 * every byte of the sample identically are interchangeable; among them the usual code page of the
 * detected language wins, then the Windows code page over its ISO twin.
 */
export function detectSingleByte(sample: Uint8Array): SingleByteGuess {
  const stats = collectStats(sample);
  const present = [...stats.histogram.keys()].filter(
    (byte) => byte >= 0x80 && (stats.histogram[byte] ?? 0) > 0,
  );
  const candidates: Candidate[] = BYTE_TABLES.map((table) => {
    const score = scorePlausibility(sample, stats, table);
    const home = score.language.home.includes(table.encoding) ? HOME_BONUS : 0;
    return { ...score, table, adjusted: score.score + home + PRIOR[table.encoding] / score.evidence };
  });
  const sameDecoding = (a: Candidate, b: Candidate): boolean =>
    present.every((byte) => a.table.chars[byte] === b.table.chars[byte]);

  let ranked = rank(candidates);
  let margin = marginOf(ranked, sameDecoding);
  let consulted = false;
  if (margin < JSCHARDET_MARGIN) {
    const confidences = rankWithJschardet(sample);
    const top = Math.max(0, ...confidences.values());
    for (const candidate of candidates) {
      candidate.adjusted +=
        top > 0 ? (JSCHARDET_WEIGHT * (confidences.get(candidate.encoding) ?? 0)) / top : 0;
    }
    ranked = rank(candidates);
    margin = marginOf(ranked, sameDecoding);
    consulted = true;
  }

  const leader = ranked[0]!;
  const twins = ranked.filter((candidate) => sameDecoding(candidate, leader));
  const winner = chooseAmongTwins(twins, leader.language.home);
  const quality = Math.min(1, Math.max(0, (winner.score - GARBAGE_SCORE) / (FLUENT_SCORE - GARBAGE_SCORE)));
  const separation = Number.isFinite(margin) ? 1 - Math.exp(-2 * margin) : 1;
  const confidence = quality * (0.5 + 0.45 * separation);
  return {
    encoding: winner.encoding,
    confidence,
    score: winner.score,
    reason: describe(winner, twins, quality, consulted),
  };
}

function rank(candidates: readonly Candidate[]): Candidate[] {
  const order = (candidate: Candidate): number => SINGLE_BYTE_ENCODINGS.indexOf(candidate.encoding);
  return [...candidates].sort((a, b) => b.adjusted - a.adjusted || order(a) - order(b));
}

// How far the leader is ahead of the best candidate that decodes the sample differently.
function marginOf(
  ranked: readonly Candidate[],
  sameDecoding: (a: Candidate, b: Candidate) => boolean,
): number {
  const leader = ranked[0]!;
  const rival = ranked.find((candidate) => !sameDecoding(candidate, leader));
  return rival ? leader.adjusted - rival.adjusted : Infinity;
}

function chooseAmongTwins(twins: readonly Candidate[], home: readonly Encoding[]): Candidate {
  const order = (candidate: Candidate): number =>
    (home.includes(candidate.encoding) ? 0 : 100) + SINGLE_BYTE_ENCODINGS.indexOf(candidate.encoding);
  return [...twins].sort((a, b) => order(a) - order(b))[0]!;
}

function describe(
  winner: Candidate,
  twins: readonly Candidate[],
  quality: number,
  consulted: boolean,
): string {
  const label = ENCODING_LABELS[winner.encoding];
  if (quality === 0) return `No encoding reads this as text (it may be binary); ${label} is a guess`;
  let reason = `Reads as ${winner.language.name} text in ${label}`;
  const others = twins.filter((twin) => twin !== winner).map((twin) => ENCODING_LABELS[twin.encoding]);
  if (others.length > 0) {
    const why = winner.language.home.includes(winner.encoding)
      ? `the usual code page for ${winner.language.name}`
      : 'the more common code page';
    reason += `; no byte in the sample tells it from ${others.join(', ')}, so ${label} was chosen as ${why}`;
  } else if (consulted) {
    reason += ' (jschardet consulted on a close call)';
  }
  return reason;
}
