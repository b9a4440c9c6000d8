import { DELIMITERS, type Delimiter, type Newline } from '../../../../src-shared/model/dialect';
import { parseSample, type ParsedSample } from './parse-sample';
import { scoreCandidate, type CandidateScore, type Quote, type TypeCaches } from './score-candidate';
import { readSepLine } from './sep-line';
import { headerRowCount, tableStart } from './table-start';

/** How a table was split: delimiter, line ending and quote, with how sure the detector is and the runners-up. */
interface TableGuess {
  delimiter: Delimiter;
  newline: Newline;
  /** The quote character: `"` unless single quotes read the sample clearly better (`'a, b'`). */
  quote: Quote;
  /** 0..1: low when the runner-up scores close to the winner or the winner parses messily. */
  confidence: number;
  /** Ranked alternatives with scores (0..1), best first. */
  candidates: { delimiter: Delimiter; score: number }[];
}

/** A detected dialect, and where the table starts in the text. */
export interface DialectGuess extends TableGuess {
  /**
   * Lines to skip before the header (or first data row): Excel's `sep=` line and a preamble of
   * titles, notes and blank lines. The detected delimiter, quote and header are those of the rest.
   */
  skipLines: number;
  /** The first line was Excel's `sep=X`: the delimiter was taken from it, and it is counted in skipLines. */
  sepLine: boolean;
  /** Rows the header seems to span after the skipped lines: 1, or 2–3 (a candidate: nothing is joined). */
  headerRows: number;
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
 * Detects the dialect of a decoded sample: an Excel `sep=` first line names the delimiter outright;
 * otherwise each delimiter (with `"`, and with `'` when the sample has one) is scored by CleverCSV's
 * data-consistency measure (van den Burg et al., "Wrangling Messy CSV Files by Detecting Row and Type
 * Patterns", 2019): the pattern score P of the row lengths times the share T of cells of a recognisable
 * type. Characters are never counted: a delimiter is right because of the table it produces, not because
 * it is frequent. When the winner's table starts below a preamble of titles and notes, the preamble is
 * skipped and the rest detected again, so the notes cannot sway the delimiter.
 */
export function detectDialect(text: string, options: DetectDialectOptions = {}): DialectGuess {
  const isComplete = options.isComplete ?? true;
  const sep = readSepLine(text);
  const afterSep = sep ? text.slice(sep.length) : text;
  let table = guessTable(afterSep, isComplete, sep?.delimiter);
  const start = tableStart(cellTexts(table.sample));
  // Blank lines before the first row are counted too: the UI says how many lines it skipped.
  const offset = table.sample.starts[start] ?? 0;
  const skipped = countLineEnds(afterSep, offset);
  if (start > 0) table = guessTable(afterSep.slice(offset), isComplete, sep?.delimiter);
  return {
    ...table.guess,
    skipLines: skipped + (sep ? 1 : 0),
    sepLine: sep !== null,
    headerRows: headerRowCount(cellTexts(table.sample)),
  };
}

/** Scores every candidate (or only the delimiter a `sep=` line named) and reads the sample with the winner. */
function guessTable(
  text: string,
  isComplete: boolean,
  named: Delimiter | undefined,
): { guess: TableGuess; sample: ParsedSample } {
  const caches: TypeCaches = { commaNumbers: new Map(), plainNumbers: new Map() };
  // Single quotes are tried only where one occurs, and win a delimiter only when they change the
  // table's shape (quoted delimiters: 'Lee, Ann'), never by typing a few cells ('6000') better:
  // apostrophes in text are far more common than single-quoted files.
  const quotes: Quote[] = text.includes("'") ? ['"', "'"] : ['"'];
  const scores = (named ? [named] : DELIMITERS).map((delimiter) => {
    const [double, single] = quotes.map((quote) =>
      scoreCandidate(text, delimiter, { isComplete, maxRows: MAX_ROWS, caches, quote }),
    );
    const better = (a: number, b: number) => a > b * (1 + 1e-6);
    return single &&
      better(single.pattern, double!.pattern) &&
      better(single.consistency, double!.consistency)
      ? single
      : double!;
  });
  const guess = rankCandidates(scores);
  const winner = scores.find((score) => score.delimiter === guess.delimiter) ?? scores[0]!;
  const sample = parseSample(text, winner.delimiter, {
    isComplete,
    maxRows: MAX_ROWS,
    collapseSpaces: winner.collapseSpaces,
    quote: winner.quote,
  });
  return { guess: named ? { ...guess, delimiter: named, confidence: 1 } : guess, sample };
}

/** The winner among scored candidates, how sure that is, and the ranking. */
function rankCandidates(scores: CandidateScore[]): TableGuess {
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
      quote: '"',
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
    quote: best.quote,
    confidence: round(Math.max(0, Math.min(1, confidence))),
    candidates,
  };
}

/** Line ends (CRLF, LF or a lone CR) in text before `end`: the number of lines wholly before it. */
function countLineEnds(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** The cells' texts of a parsed sample. */
function cellTexts(sample: ParsedSample): string[][] {
  return sample.rows.map((row) => row.map((cell) => cell.text));
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
