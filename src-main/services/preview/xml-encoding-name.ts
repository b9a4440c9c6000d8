import type { Encoding } from '../../../src-shared/model/dialect';

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
  'iso-8859-2': 'iso-8859-2',
  latin2: 'iso-8859-2',
};

/** Maps an XML declaration's encoding label to one of Intake's encodings, or null if unsupported. */
export function encodingFromXmlLabel(label: string): Encoding | null {
  const lower = label.toLowerCase();
  const codePage = /^(?:windows|cp)-?(125[0-8])$/.exec(lower);
  if (codePage) return `cp${codePage[1]}` as Encoding;
  return ALIASES[lower] ?? null;
}
