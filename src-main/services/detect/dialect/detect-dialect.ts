import { DELIMITERS, type Delimiter, type Newline } from '../../../../src-shared/model/dialect';
import { scoreCandidate, type CandidateScore, type TypeCaches } from './score-candidate';

/** A detected delimiter and line ending, with how sure the detector is and the runners-up. */
export interface DialectGuess {
  delimiter: Delimiter;
  newline: Newline;
  /** 0..1: low when the runner-up scores close to the winner or the winner parses messily. */
  confidence: number;
  /** Ranked alternatives with scores (0..1), best first. */
  candidates: { delimiter: Delimiter; score: number }[];
}

/** Options for {@link detectDialect}. */
export interface DetectDialectOptions {
  /** False when text is the cut head of a longer file, so its last record may be partial. Default true. */
  isComplete?: boolean;
}

// Enough records to judge; bounds the work on a 64 KiB sample of very short lines.
const MAX_ROWS = 1000;

// When two candidates score the same, the more common delimiter wins. Comma before space follows CleverCSV
// (a comma file whose cells all hold one space ties with space); dash and dot come last because they so
// often sit inside values (negative numbers, dates, decimals) rather than between them.
const TIE_ORDER: readonly Delimiter[] = [',', '\t', ';', '|', ' ', '~', ':', '.', '-'];

// Relative difference under which two consistency scores count as tied.
const TIE_TOLERANCE = 1e-9;

// Below this normalised score no candidate splits the sample into columns in a meaningful way.
const SINGLE_COLUMN_SCORE = 0.05;

/**
 * Detects the delimiter and line ending of a decoded sample with CleverCSV's data-consistency measure
 * (van den Burg et al., "Wrangling Messy CSV Files by Detecting Row and Type Patterns", 2019): each
 * candidate splits the sample respecting `"` quotes and is scored by how consistent the row lengths are
 * (pattern score P) times the share of cells with a recognisable type (type score T). Characters are never
 * counted: a delimiter is right because of the table it produces, not because it is frequent.
 */
export function detectDialect(text: string, options: DetectDialectOptions = {}): DialectGuess {
  const isComplete = options.isComplete ?? true;
  const caches: TypeCaches = { commaNumbers: new Map(), plainNumbers: new Map() };
  const scores = DELIMITERS.map((delimiter) =>
    scoreCandidate(text, delimiter, { isComplete, maxRows: MAX_ROWS, caches }),
  );
  const ranked = preferFittingHeader([...scores].sort(compareCandidates));
  const best = ranked[0];
  const runnerUp = ranked[1];
  const rows = Math.max(1, ...scores.map((score) => score.rows));
  const candidates = ranked.map((score) => ({
    delimiter: score.delimiter,
    score: round(Math.min(1, score.consistency / rows)),
  }));

  if (best === undefined || best.splitRows === 0 || best.consistency / rows < SINGLE_COLUMN_SCORE) {
    // One column (or nothing at all): any delimiter reads it the same, so say comma and mean "unsure".
    const comma = scores.find((score) => score.delimiter === ',');
    return {
      delimiter: ',',
      newline: comma?.firstNewline ?? best?.firstNewline ?? '\n',
      confidence: 0.1,
      // Comma first, the others in their ranked order.
      candidates: [...candidates].sort((a, b) => Number(b.delimiter === ',') - Number(a.delimiter === ',')),
    };
  }

  // Confidence mixes the margin over the runner-up with how cleanly the winner parses.
  const margin =
    runnerUp === undefined || best.consistency === 0 ? 1 : 1 - runnerUp.consistency / best.consistency;
  const confidence = 0.5 * margin + 0.5 * best.type * best.dominantShare;
  return {
    delimiter: best.delimiter,
    newline: best.firstNewline ?? '\n',
    confidence: round(Math.max(0, Math.min(1, confidence))),
    candidates,
  };
}

/**
 * A candidate whose first row does not fit its own table loses to one that splits every row —
 * first row included — into a table at least as consistent. A character that occurs only inside
 * one column's values (`=cmd|' /C calc'!A0` under a header `x,y`) splits the rows evenly but not
 * the header; untyped cells (formulas) give the right delimiter a low type score, which must not
 * decide it. A header row is a header.
 */
function preferFittingHeader(ranked: CandidateScore[]): CandidateScore[] {
  const best = ranked[0];
  if (!best || best.firstRowFits) return ranked;
  const fitting = ranked.find(
    (score) => score.firstRowFits && score.pattern > best.pattern && score.dominantShare >= HEADER_FIT_SHARE,
  );
  return fitting ? [fitting, ...ranked.filter((score) => score !== fitting)] : ranked;
}

/** Share of rows of the common length a header-fitting candidate needs to win over a better-typed one. */
const HEADER_FIT_SHARE = 0.9;

/** Best first: higher consistency, then the tie order. */
function compareCandidates(a: CandidateScore, b: CandidateScore): number {
  const scale = Math.max(a.consistency, b.consistency);
  if (scale > 0 && Math.abs(a.consistency - b.consistency) > TIE_TOLERANCE * scale) {
    return b.consistency - a.consistency;
  }
  return TIE_ORDER.indexOf(a.delimiter) - TIE_ORDER.indexOf(b.delimiter);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
