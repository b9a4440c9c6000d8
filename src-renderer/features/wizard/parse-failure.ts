import type { Dialect, SourceFormat } from '../../../src-shared/model/dialect';
import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';
import { rawLinesAtOf, type RawLines, type RawLinesAt } from '../../../src-shared/model/raw-lines';
import type { Draft } from '../../stores/drafts.store';

/** A failure the wizard answers with the dialect bar and the raw lines, and where to look. */
export interface ShownFailure {
  /** The preview failed (no rows to show), or staging failed further into the source. */
  stage: 'preview' | 'staging';
  code: string;
  message: string;
  at: RawLinesAt;
  /** Whether the error named a place; if not, the view shows the source's first lines. */
  located: boolean;
  /** CSV: the field whose quote never closes, when the error names one. */
  field: number | null;
}

/**
 * Failures a dialect setting may cure or the raw lines explain: a parse error (a quote never closed,
 * broken XML, a binary-looking file that is really another encoding), a limit (too many columns:
 * the wrong delimiter), a source with no rows found. Not network or permission failures, not an
 * empty file (said calmly elsewhere), and never a query: it has no dialect and no lines.
 */
const DIALECT_CODES = new Set(['PARSE', 'LIMIT', 'VALIDATION']);

/** The failure to answer with the raw view, if any: the preview's first, else staging's parse error. */
export function failureToShow(draft: Draft): ShownFailure | null {
  const kind = draft.source?.kind;
  if (!kind || kind === 'sql' || kind === 'workspace') return null;
  const failure = draft.failure;
  if (failure && DIALECT_CODES.has(failure.code) && failure.details?.reason !== 'empty')
    return shown('preview', failure.code, failure.message, failure.details);
  const staged = draft.dataset?.status === 'failed' ? draft.dataset.error : null;
  if (staged?.code === 'PARSE') {
    const failed = shown('staging', staged.code, staged.message, staged.details);
    return failed.located ? failed : null;
  }
  return null;
}

function shown(
  stage: ShownFailure['stage'],
  code: string,
  message: string,
  details: Record<string, unknown> | undefined,
): ShownFailure {
  const { at, located } = rawLinesAtOf(details);
  const field = details?.field;
  return {
    stage,
    code,
    message,
    at,
    located,
    field: typeof field === 'number' ? field : null,
  };
}

/** What the person can do about it, in words, naming the settings by their labels in the dialect bar. */
export function failureAdvice(failure: ShownFailure, raw: RawLines | null): string {
  const where = raw?.target ?? failure.at.line ?? null;
  // Numbered as the error message and the line numbers beside the text are: without grouping.
  const line = where === null ? 'that line' : `line ${where}`;
  if (failure.field !== null && failure.at.row !== undefined) {
    const quote = raw?.dialect.quote ?? '"';
    const other = quote === '"' ? "' single" : '" double';
    return `The quote (${quote}) that opens field ${failure.field} on ${line} never closes, so every line after it would be read into that one value. To read the quote as an ordinary character, tick "Read stray quotes as text". If the file quotes its values with the other character, choose Quote: ${other}. Or fix ${line} in the file and read it again.`;
  }
  if (raw?.format === 'xml' || failure.at.column !== undefined) {
    return `The XML breaks on ${line}${failure.at.column ? `, at column ${failure.at.column} (marked)` : ''}. Intake does not guess what was meant: fix the file there and read it again. If the file is not XML at all, choose Format: CSV / TSV.`;
  }
  if (failure.located) {
    return `Look at ${line}: if letters look wrong, pick another encoding; if the columns run together or split apart, another delimiter.`;
  }
  return `The first lines as Intake reads them${raw ? ` (${raw.dialect.encoding})` : ''}. If letters look wrong or NUL marks sit between them, pick the file's real encoding (UTF-16, for instance); if the columns run together or split apart, another delimiter.`;
}

/**
 * The dialect bar's input when the preview failed: what the raw view was read with (the person's
 * choices over detection), so the bar shows the settings that failed, not an older preview's.
 */
export function barPreviewFrom(raw: RawLines): Preview {
  return {
    format: raw.format,
    dialect: raw.dialect,
    confidence: { encoding: 1, delimiter: 1 },
    detected: raw.detected,
    reasons: [],
    columns: [],
    issues: [],
    header: [],
    rows: [],
    truncated: true,
    headBytes: 0,
  };
}

/** A dialect as overrides: a raw view of staged or previewed rows reads exactly as they were read. */
export function overridesOf(dialect: Dialect, format: SourceFormat): DialectOverrides {
  return {
    format,
    encoding: dialect.encoding,
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    hasHeader: dialect.hasHeader,
    ...(dialect.lenientQuotes === false ? { lenientQuotes: false } : {}),
    skipLines: dialect.skipLines ?? 0,
  };
}
