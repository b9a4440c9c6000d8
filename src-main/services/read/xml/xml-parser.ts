import { SaxesParser } from 'saxes';
import { IntakeError } from '../../../../src-shared/errors';
import { assertSafeDoctype } from './doctype-guard';

/** The saxes parser as Intake configures it: qualified names as written (no namespace resolution). */
export type XmlParser = SaxesParser<{ xmlns: false; position: true }>;

/**
 * A saxes parser that throws IntakeError: PARSE with line and column for malformed XML, PARSE for a
 * DOCTYPE with entities or an external DTD. saxes itself only decodes the five predefined entities and
 * character references, so nothing else is ever expanded.
 */
export function createXmlParser(): XmlParser {
  // Namespace resolution stays off: column names keep prefixes as written (`g:price`), and an unbound
  // prefix in a sloppy feed should not stop an import.
  const parser: XmlParser = new SaxesParser({ xmlns: false, position: true });
  parser.on('error', (error) => {
    throw notWellFormed(parser.line, parser.column, error.message);
  });
  parser.on('doctype', (doctype) => {
    // The event fires at the closing '>', so count back to the line the DOCTYPE started on.
    assertSafeDoctype(doctype, parser.line - countNewlines(doctype));
  });
  return parser;
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
