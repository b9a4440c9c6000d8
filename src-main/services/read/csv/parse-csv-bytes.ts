import { isUtf8 } from 'node:buffer';
import type { Encoding } from '../../../../src-shared/model/dialect';
import { decodeBytes } from '../decode';
import { parseCsvText, type ParseCsvTextOptions } from './parse-csv-text';

/** In Latin-1 text: a byte past 0x7f. */
const NON_ASCII = /[\x80-\xff]/;
/**
 * A delimiter other than printable ASCII or tab is decoded first (a rare control character too:
 * slower, never wrong).
 */
const NON_ASCII_CHAR = /[^\x20-\x7e\t]/;

/**
 * Parses complete CSV bytes (a staged chunk) into rows of fields.
 *
 * UTF-8 with an ASCII delimiter is parsed as Latin-1 text, and only the cells holding a
 * byte past 0x7f are then decoded as UTF-8. Node 20's V8 decodes mixed UTF-8 at about 100 MB/s
 * (1.3–1.4 s for the realistic benchmark file's 147 MB, any of its decoders) and Latin-1 at
 * several GB/s (22 ms). The fields come out the same: the CSV structure (delimiter, quote, CR, LF,
 * space) is ASCII, and UTF-8 never puts an ASCII byte inside a character, so the parser splits the
 * Latin-1 text where it splits the decoded text, and quote-unescaping only removes ASCII bytes.
 * Only valid UTF-8 takes this way (see below). Cells that are all ASCII (IDs, numbers, dates) also
 * come out as one-byte strings instead of two-byte slices of a two-byte chunk.
 */
export function parseCsvBytes(
  bytes: Uint8Array,
  encoding: Encoding,
  delimiter: string,
  options: ParseCsvTextOptions = {},
): string[][] {
  // The quote is `"` or `'`, ASCII by its type. Invalid UTF-8 decodes first: text the parser joins
  // to a quoted field (after its closing quote) could otherwise join two broken sequences into one
  // valid character (`"x\xE2"\x82\xAC` is `x` and three U+FFFD, not `x€`). Checking costs 20–40 ms
  // for the realistic file's 147 MB.
  if (encoding !== 'utf-8' || NON_ASCII_CHAR.test(delimiter) || !isUtf8(bytes)) {
    return parseCsvText(decodeBytes(bytes, encoding), delimiter, options);
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows = parseCsvText(view.toString('latin1'), delimiter, options);
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]!;
      if (NON_ASCII.test(cell)) row[i] = Buffer.from(cell, 'latin1').toString('utf8');
    }
  }
  return rows;
}
