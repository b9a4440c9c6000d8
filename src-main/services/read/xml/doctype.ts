import { IntakeError } from '../../../../src-shared/errors';
import { ENTITY_LIMITS } from './entity-limits';
import { decodeCharacterReference, isXmlName, nameAt, PREDEFINED_ENTITIES } from './xml-references';

// saxes hands over a DOCTYPE as one piece of text and does nothing with it (its README leaves entities
// to the caller). This reads what Intake needs from it and nothing more: whether it names an external DTD
// and which internal general entities it declares. Nothing is ever fetched or opened: an external DTD is
// only noted, and a declaration that would pull text in from elsewhere (an external entity, a parameter
// entity) is refused here, before the first element, so an XXE file never gets as far as naming a path
// that could be read. Element, attribute-list and notation declarations are skipped: Intake does not
// validate, and does not apply attribute defaults.

/** An internal general entity, `<!ENTITY name "text">`. */
export interface DeclaredEntity {
  name: string;
  /**
   * Its replacement text (XML 1.0 §4.5): the quoted value with character references decoded; references
   * to other entities are kept as written, to be expanded where the entity is used.
   */
  replacement: string;
  /** The line of its declaration, for messages. */
  line: number;
}

/** What Intake takes from a document's DOCTYPE. */
export interface Doctype {
  /** SYSTEM or PUBLIC when it names an external DTD (noted, never read), else null. */
  externalDtd: 'SYSTEM' | 'PUBLIC' | null;
  /** Internal general entities by name; the first declaration of a name binds (XML 1.0 §4.2). */
  entities: ReadonlyMap<string, DeclaredEntity>;
}

/**
 * Reads the text saxes gives for a DOCTYPE (what lies between `<!DOCTYPE` and its closing `>`) that starts
 * on `line`. Throws PARSE for an external or parameter entity, a parameter-entity reference, more than
 * ENTITY_LIMITS.declarations entity declarations, or a malformed declaration.
 */
export function readDoctype(text: string, line: number): Doctype {
  return new DoctypeReader(text, line).read();
}

const SPACE = /[ \t\r\n]/;

class DoctypeReader {
  private at = 0;
  // Lines are counted forward as the reader advances, never from the start again.
  private countedTo = 0;
  private countedLine: number;
  private declarations = 0;
  private readonly entities = new Map<string, DeclaredEntity>();

  constructor(
    private readonly text: string,
    private readonly startLine: number,
  ) {
    this.countedLine = startLine;
  }

  read(): Doctype {
    this.skipSpace();
    if (!this.name()) throw this.malformed('no root element name after <!DOCTYPE');
    this.skipSpace();
    const externalDtd = this.externalId();
    this.skipSpace();
    if (this.text[this.at] === '[') {
      this.at++;
      this.internalSubset();
      this.skipSpace();
    }
    if (this.at < this.text.length) throw this.malformed(`unexpected "${this.text[this.at]}"`);
    return { externalDtd, entities: this.entities };
  }

  // `SYSTEM "uri"` or `PUBLIC "id" "uri"`: only noted. (A PUBLIC id without its URI is tolerated, as HTML
  // writes it.)
  private externalId(): 'SYSTEM' | 'PUBLIC' | null {
    const keyword = this.keyword();
    if (!keyword) return null;
    this.requireSpace(`after ${keyword}`);
    this.quoted(`the ${keyword} identifier`);
    if (keyword === 'PUBLIC') {
      this.skipSpace();
      if (this.text[this.at] === '"' || this.text[this.at] === "'") this.quoted('the system identifier');
    }
    return keyword;
  }

  private internalSubset(): void {
    for (;;) {
      this.skipSpace();
      const { text, at } = this;
      if (at >= text.length) throw this.malformed('the internal subset has no closing "]"');
      if (text[at] === ']') {
        this.at++;
        return;
      }
      if (text.startsWith('<!--', at)) this.skipPast('-->', 'a comment');
      else if (text.startsWith('<?', at)) this.skipPast('?>', 'a processing instruction');
      else if (text.startsWith('<!ENTITY', at)) this.entityDeclaration();
      else if (text.startsWith('<!', at)) this.skipDeclaration();
      else if (text[at] === '%') throw this.parameterReference();
      else throw this.malformed(`unexpected "${text[at]}"`);
    }
  }

  private entityDeclaration(): void {
    const line = this.line();
    this.at += '<!ENTITY'.length;
    this.declarations++;
    if (this.declarations > ENTITY_LIMITS.declarations) throw this.tooManyDeclarations(line);
    this.requireSpace('after <!ENTITY');
    if (this.text[this.at] === '%') {
      this.at++;
      this.skipSpace();
      throw parameterEntity(this.name() || '?', line);
    }
    const name = this.name();
    if (!name) throw this.malformed('<!ENTITY without a name');
    this.requireSpace(`after <!ENTITY ${name}`);
    const external = this.keyword();
    if (external) throw externalEntity(name, external, line);
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'") {
      throw this.malformed(`<!ENTITY ${name}> has neither a quoted value nor SYSTEM or PUBLIC`);
    }
    const replacement = replacementText(this.quoted(`the value of <!ENTITY ${name}>`), name, line);
    this.skipSpace();
    if (this.text[this.at] !== '>') throw this.malformed(`<!ENTITY ${name}> does not end with ">"`);
    this.at++;
    // The predefined five may be redeclared (to the same characters); Intake keeps its own.
    if (!this.entities.has(name) && !PREDEFINED_ENTITIES.has(name)) {
      this.entities.set(name, { name, replacement, line });
    }
  }

  // <!ELEMENT …>, <!ATTLIST …>, <!NOTATION …>: skipped up to their '>', which may sit inside quotes.
  private skipDeclaration(): void {
    const { text } = this;
    for (let i = this.at + 2; i < text.length; i++) {
      const char = text[i];
      if (char === '>') {
        this.at = i + 1;
        return;
      }
      if (char === '"' || char === "'") {
        const close = text.indexOf(char, i + 1);
        if (close === -1) break;
        i = close;
      }
    }
    throw this.malformed('a declaration that never ends with ">"');
  }

  private skipPast(end: string, what: string): void {
    const found = this.text.indexOf(end, this.at + 2);
    if (found === -1) throw this.malformed(`${what} that never ends`);
    this.at = found + end.length;
  }

  private quoted(what: string): string {
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'") throw this.malformed(`${what} is not in quotes`);
    const close = this.text.indexOf(quote, this.at + 1);
    if (close === -1) throw this.malformed(`${what} has no closing quote`);
    const value = this.text.slice(this.at + 1, close);
    this.at = close + 1;
    return value;
  }

  private keyword(): 'SYSTEM' | 'PUBLIC' | null {
    for (const keyword of ['SYSTEM', 'PUBLIC'] as const) {
      if (this.text.startsWith(keyword, this.at)) {
        this.at += keyword.length;
        return keyword;
      }
    }
    return null;
  }

  private name(): string {
    const name = nameAt(this.text, this.at);
    this.at += name.length;
    return name;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && SPACE.test(this.text[this.at] ?? '')) this.at++;
  }

  private requireSpace(where: string): void {
    const before = this.at;
    this.skipSpace();
    if (this.at === before) throw this.malformed(`a space is missing ${where}`);
  }

  private line(): number {
    for (let i = this.text.indexOf('\n', this.countedTo); i !== -1 && i < this.at;) {
      this.countedLine++;
      i = this.text.indexOf('\n', i + 1);
    }
    this.countedTo = Math.max(this.countedTo, this.at);
    return this.countedLine;
  }

  private parameterReference(): IntakeError {
    const line = this.line();
    const name = nameAt(this.text, this.at + 1) || '?';
    return new IntakeError(
      'PARSE',
      `XML's DOCTYPE uses the parameter entity %${name}; at line ${line}; Intake does not read parameter ` +
        'entities, which pull declarations in from elsewhere (a route for external-entity attacks). ' +
        'Remove it from the DOCTYPE to import the file',
      { line, entity: `%${name}`, reason: 'parameter-entity' },
    );
  }

  private tooManyDeclarations(line: number): IntakeError {
    const limit = ENTITY_LIMITS.declarations;
    return new IntakeError(
      'PARSE',
      `XML's DOCTYPE (line ${this.startLine}) declares more than ${limit.toLocaleString('en')} entities ` +
        `(reading stopped at the next one, line ${line}), over the ${limit.toLocaleString('en')}-declaration limit`,
      { line, declarations: limit + 1, limit, reason: 'entity-declarations' },
    );
  }

  private malformed(what: string): IntakeError {
    const line = this.line();
    return new IntakeError(
      'PARSE',
      `XML has a malformed DOCTYPE (starting at line ${this.startLine}): ${what} at line ${line}; ` +
        'correct the DOCTYPE to import the file',
      { line, doctypeLine: this.startLine, reason: 'malformed-doctype' },
    );
  }
}

// XML 1.0 §4.5: character references in the value are decoded now, references to general entities are
// kept for later ("bypassed"), and a parameter-entity reference may not appear in the internal subset.
function replacementText(value: string, entity: string, line: number): string {
  const reference = /[&%]/g;
  let text = '';
  let from = 0;
  for (let found = reference.exec(value); found; found = reference.exec(value)) {
    const at = found.index;
    text += value.slice(from, at);
    const end = value.indexOf(';', at);
    const body = end === -1 ? '' : value.slice(at + 1, end);
    if (value[at] === '%') {
      if (!isXmlName(body)) throw malformedValue(entity, line, 'a "%" in the value (write &#37; for a "%")');
      throw new IntakeError(
        'PARSE',
        `XML entity "${entity}" (declared at line ${line}) uses the parameter entity %${body}; in its value; ` +
          'Intake does not read parameter entities. Write the text itself in the value',
        { line, entity, reason: 'parameter-entity' },
      );
    }
    if (body.startsWith('#')) {
      const char = decodeCharacterReference(body);
      if (char === null) throw malformedValue(entity, line, `&${body}; is not a character XML allows`);
      text += char;
    } else if (isXmlName(body)) {
      text += `&${body};`;
    } else {
      throw malformedValue(entity, line, 'an "&" that starts no reference (write &#38;#38; for an "&")');
    }
    from = end + 1;
    reference.lastIndex = from;
  }
  return text + value.slice(from);
}

function malformedValue(entity: string, line: number, what: string): IntakeError {
  return new IntakeError(
    'PARSE',
    `XML entity "${entity}" (declared at line ${line}) has a malformed value: ${what}; correct the declaration`,
    { line, entity, reason: 'malformed-entity' },
  );
}

function externalEntity(name: string, keyword: 'SYSTEM' | 'PUBLIC', line: number): IntakeError {
  return new IntakeError(
    'PARSE',
    `XML declares the external entity "${name}" (<!ENTITY ${name} ${keyword} …> at line ${line}); Intake ` +
      'never reads the files or URLs an XML file points to, to keep external-entity (XXE) attacks out. ' +
      `Replace &${name}; with its text, or remove the declaration if the file does not use it`,
    { line, entity: name, kind: keyword, reason: 'external-entity' },
  );
}

function parameterEntity(name: string, line: number): IntakeError {
  return new IntakeError(
    'PARSE',
    `XML declares the parameter entity "%${name};" (<!ENTITY % ${name} …> at line ${line}); Intake does not ` +
      'read parameter entities, which pull declarations in from elsewhere (a route for external-entity ' +
      'attacks). Remove it from the DOCTYPE to import the file',
    { line, entity: `%${name}`, reason: 'parameter-entity' },
  );
}
