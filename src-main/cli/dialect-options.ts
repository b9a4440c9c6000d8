import {
  DELIMITER_NAMES,
  DELIMITERS,
  ENCODINGS,
  type Delimiter,
  type Encoding,
} from '../../src-shared/model/dialect';
import type { DialectOverrides } from '../../src-shared/model/preview';
import { CliError } from './cli-error';

/** The parseArgs options shared by sniff, preview and import. */
export const DIALECT_OPTIONS = {
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  format: { type: 'string' },
  header: { type: 'boolean' },
  'no-header': { type: 'boolean' },
  quote: { type: 'string' },
  'skip-lines': { type: 'string' },
  'strict-quotes': { type: 'boolean' },
  sheet: { type: 'string' },
} as const;

/**
 * Turns --encoding, --delimiter (a name like "semicolon" or the character), --format, --[no-]header,
 * --quote, --skip-lines, --strict-quotes and --sheet (an Excel workbook's sheet, by name) into overrides.
 */
export function dialectOverrides(values: {
  encoding?: string | undefined;
  delimiter?: string | undefined;
  format?: string | undefined;
  header?: boolean | undefined;
  'no-header'?: boolean | undefined;
  quote?: string | undefined;
  'skip-lines'?: string | undefined;
  'strict-quotes'?: boolean | undefined;
  sheet?: string | undefined;
}): DialectOverrides {
  const overrides: DialectOverrides = {};
  if (values.encoding !== undefined) {
    const encoding = values.encoding.toLowerCase();
    if (!(ENCODINGS as readonly string[]).includes(encoding)) {
      throw new CliError(
        `--encoding "${values.encoding}" is not supported. Use one of: ${ENCODINGS.join(', ')}.`,
      );
    }
    overrides.encoding = encoding as Encoding;
  }
  if (values.delimiter !== undefined) overrides.delimiter = parseDelimiter(values.delimiter);
  if (values.format !== undefined) {
    if (values.format !== 'csv' && values.format !== 'xml' && values.format !== 'xlsx')
      throw new CliError(`--format must be csv, xml or xlsx, got "${values.format}".`);
    overrides.format = values.format;
  }
  if (values.header) overrides.hasHeader = true;
  if (values['no-header']) overrides.hasHeader = false;
  if (values.quote !== undefined) {
    const quote = { double: '"', single: "'", '"': '"', "'": "'" }[values.quote.toLowerCase()];
    if (!quote) throw new CliError(`--quote must be double or single, got "${values.quote}".`);
    overrides.quote = quote as '"' | "'";
  }
  if (values['skip-lines'] !== undefined) {
    const lines = Number(values['skip-lines']);
    if (!Number.isInteger(lines) || lines < 0 || lines > 10_000)
      throw new CliError(
        `--skip-lines must be a whole number from 0 to 10000, got "${values['skip-lines']}".`,
      );
    overrides.skipLines = lines;
  }
  if (values['strict-quotes']) overrides.lenientQuotes = false;
  if (values.sheet !== undefined) {
    if (values.sheet.trim() === '') throw new CliError('--sheet needs the name of a sheet.');
    overrides.sheet = values.sheet;
  }
  return overrides;
}

function parseDelimiter(text: string): Delimiter {
  const unescaped = text === '\\t' ? '\t' : text;
  if ((DELIMITERS as readonly string[]).includes(unescaped)) return unescaped as Delimiter;
  const byName = DELIMITERS.find((d) => DELIMITER_NAMES[d] === text.toLowerCase());
  if (byName) return byName;
  const names = DELIMITERS.map((d) => DELIMITER_NAMES[d]).join(', ');
  throw new CliError(
    `--delimiter "${text}" is not supported. Use one of: ${names} (or the character itself).`,
  );
}
