import { SaxesParser } from 'saxes';
import type { CloseTagHandler, OpenTagHandler } from 'saxes';
import { IntakeError } from '../../../../src-shared/errors';
import { LIMITS } from '../../../../src-shared/limits';
import { readDoctype } from './doctype';
import { createEntityTable } from './entity-expansion';

type XmlOptions = { xmlns: false; position: true };

/** The saxes parser as Intake configures it: qualified names as written (no namespace resolution). */
export type XmlParser = SaxesParser<XmlOptions>;

/** The events a reader listens to; the parser's guards own the others. */
export interface XmlHandlers {
  opentag?: OpenTagHandler<XmlOptions>;
  closetag?: CloseTagHandler<XmlOptions>;
  /** Character data, text and CDATA alike. */
  text?: (text: string) => void;
}

/**
 * A saxes parser that throws IntakeError: PARSE with line and column for malformed XML, PARSE for a
 * DOCTYPE entity Intake will not expand (external, parameter, undeclared, or past ENTITY_LIMITS), LIMIT for
 * an element nested deeper than LIMITS.xmlDepth or with more attributes than LIMITS.sourceColumns. Without a
 * DOCTYPE only the five predefined entities and character references are decoded, as saxes does alone;
 * with one, its internal entities expand too (and, when it names an external DTD, the XHTML character
 * entities). No DTD or entity is ever fetched or read from a file.
 */
export function createXmlParser(handlers: XmlHandlers): XmlParser {
  // Namespace resolution stays off: column names keep prefixes as written (`g:price`), and an unbound
  // prefix in a sloppy feed should not stop an import.
  const parser: XmlParser = new SaxesParser({ xmlns: false, position: true });
  parser.on('error', (error) => {
    throw notWellFormed(parser.line, parser.column, error.message);
  });
  parser.on('doctype', (text) => {
    // The event fires at the closing '>', so count back to the line the DOCTYPE started on. It comes
    // before the root element, so the table is in place before the first reference.
    const doctype = readDoctype(text, parser.line - countNewlines(text));
    parser.ENTITIES = createEntityTable(doctype, parser);
  });
  // saxes keeps one handler per event and its element stack private, so the guards wrap the reader's
  // handlers and count open elements here. Both guards fire before saxes has gathered the element: the
  // depth when its name is read, the width at the attribute past the limit (saxes would otherwise hold
  // a million attributes and check each for duplicates before any handler saw the tag).
  const { opentag, closetag, text } = handlers;
  let depth = 0;
  let element = '';
  let attributes = 0;
  parser.on('opentagstart', (tag) => {
    if (depth >= LIMITS.xmlDepth) throw tooDeep(tag.name, depth + 1, parser);
    element = tag.name;
    attributes = 0;
  });
  parser.on('attribute', () => {
    attributes++;
    if (attributes > LIMITS.sourceColumns) throw tooWide(element, attributes, parser);
  });
  parser.on('opentag', (tag) => {
    depth++;
    opentag?.(tag);
  });
  parser.on('closetag', (tag) => {
    depth--;
    closetag?.(tag);
  });
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  return parser;
}

function tooDeep(element: string, depth: number, parser: XmlParser): IntakeError {
  const { line, column } = parser;
  return new IntakeError(
    'LIMIT',
    `XML nests elements too deep: <${element}> at line ${line}, column ${column} opens level ${depth}, ` +
      `over the ${LIMITS.xmlDepth}-level limit`,
    { element, depth, limit: LIMITS.xmlDepth, line, column, reason: 'too-deep' },
  );
}

function tooWide(element: string, attributes: number, parser: XmlParser): IntakeError {
  const { line, column } = parser;
  return new IntakeError(
    'LIMIT',
    `XML element <${element}> at line ${line} is too wide: more than ${LIMITS.sourceColumns} attributes ` +
      `(reading stopped at attribute ${attributes}, column ${column}), over the ${LIMITS.sourceColumns}-column ` +
      'limit; each attribute becomes a column',
    { element, attributes, limit: LIMITS.sourceColumns, line, column, reason: 'too-wide' },
  );
}

function notWellFormed(line: number, column: number, saxesMessage: string): IntakeError {
  // saxes prefixes "line:column: " itself; the position is restated in words instead.
  const reason = saxesMessage
    .replace(/^\d+:\d+: /, '')
    .replace(/^unclosed tag: (.*)$/, 'unclosed tag <$1>')
    .replace(/\.$/, '')
    .replace(
      /^undefined entity$/,
      'undefined entity (XML knows only &amp; &lt; &gt; &quot; &apos; and &#…; references; HTML names such as &nbsp; are not XML)',
    );
  return new IntakeError('PARSE', `XML is not well-formed at line ${line}, column ${column}: ${reason}`, {
    line,
    column,
  });
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
