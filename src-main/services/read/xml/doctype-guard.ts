import { IntakeError } from '../../../../src-shared/errors';

// saxes never expands entities it was not told about, but it would happily let a DOCTYPE through and then
// fail later with a vague "undefined entity". Refusing the DOCTYPE itself fails fast, before any content,
// and says why: a billion-laughs file stops after its prolog, an XXE file never names a path we would read.

const ENTITY_DECLARATION = /<!ENTITY\b/;
// The external identifier sits between the root name and the internal subset: `<!DOCTYPE rss PUBLIC "…" "…">`.
const EXTERNAL_ID = /^\s*[^\s[]+\s+(SYSTEM|PUBLIC)\b/;

/** Throws a PARSE error when a DOCTYPE declares entities or points at an external DTD; a bare `<!DOCTYPE x>` passes. */
export function assertSafeDoctype(doctype: string, line: number): void {
  if (ENTITY_DECLARATION.test(doctype)) {
    throw new IntakeError(
      'PARSE',
      `XML declares entities (DOCTYPE at line ${line}); Intake does not expand entities, ` +
        'to keep billion-laughs and external-entity attacks out',
      { line, reason: 'entity-declaration' },
    );
  }
  const external = EXTERNAL_ID.exec(doctype);
  if (external) {
    throw new IntakeError(
      'PARSE',
      `XML refers to an external DTD (DOCTYPE ${external[1]} at line ${line}); Intake does not load ` +
        'external DTDs or entities, to keep external-entity attacks out. Remove the DOCTYPE line to import it',
      { line, reason: 'external-dtd' },
    );
  }
}
