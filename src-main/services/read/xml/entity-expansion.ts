import { IntakeError } from '../../../../src-shared/errors';
import type { DeclaredEntity, Doctype } from './doctype';
import { ENTITY_LIMITS } from './entity-limits';
import { xhtmlEntity } from './xhtml-entities';
import { decodeCharacterReference, isXmlName, PREDEFINED_ENTITIES } from './xml-references';

/** Where the parser stands: just past the `;` of the reference being resolved. */
export interface ParserPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * The table saxes looks entity names up in (its `ENTITIES`, the hook its README offers for DTD entities),
 * for a document with a DOCTYPE. A name resolves to, in order: a predefined entity; an internal entity of
 * the DOCTYPE, expanded within ENTITY_LIMITS; an HTML/XHTML 1.0 character entity, only when the DOCTYPE
 * names an external DTD (never read) that would define it. Any other name throws PARSE naming it.
 */
export function createEntityTable(doctype: Doctype, position: ParserPosition): Record<string, string> {
  const expander = new EntityExpander(doctype, position);
  // saxes reads `ENTITIES[name]` once per reference; a Proxy answers each read (and counts it) without
  // building a table first, and no name can reach Object.prototype.
  return new Proxy({} as Record<string, string>, {
    get: (_table, name) => (typeof name === 'string' ? expander.resolve(name) : undefined),
  });
}

/** Plain text, or a reference to a declared entity still to be expanded. */
type Segment = string | DeclaredEntity;

interface Measure {
  /** Characters of the full expansion. */
  length: number;
  /** Levels of nesting, the entity itself included. */
  height: number;
}

// An entity is measured before it is expanded, so a reference past a limit is refused before any of its
// text exists: billion laughs stops at its first reference having built nothing. Measures, segments and
// expansions are kept per entity, so each costs its own declaration once however often it is used (an
// entity of 1,000 references to an empty one, nested eight deep, costs 8,000 steps, not 10^24).
class EntityExpander {
  private readonly segments = new Map<string, Segment[]>();
  private readonly measures = new Map<string, Measure>();
  private readonly expansions = new Map<string, string>();
  /** The entities being measured, outermost first. */
  private readonly chain: DeclaredEntity[] = [];
  /** Characters counted against ENTITY_LIMITS.expandedCharacters so far. */
  private expanded = 0;

  constructor(
    private readonly doctype: Doctype,
    private readonly position: ParserPosition,
  ) {}

  resolve(name: string): string {
    const predefined = PREDEFINED_ENTITIES.get(name);
    if (predefined !== undefined) return predefined;
    const entity = this.doctype.entities.get(name);
    if (!entity) return this.undeclared(name, null);
    this.chain.length = 0;
    const { length } = this.measure(entity, 1);
    // A reference no longer than what it is written with (`&nbsp;` for one character) amplifies nothing.
    if (length > name.length + 2) {
      if (this.expanded + length > ENTITY_LIMITS.expandedCharacters) throw this.tooLong(entity, length);
      this.expanded += length;
    }
    return this.expand(entity);
  }

  private measure(entity: DeclaredEntity, depth: number): Measure {
    if (depth > ENTITY_LIMITS.nestingDepth) throw this.tooDeep(entity, false);
    const known = this.measures.get(entity.name);
    if (known) {
      if (depth - 1 + known.height > ENTITY_LIMITS.nestingDepth) throw this.tooDeep(entity, true);
      return known;
    }
    if (this.chain.includes(entity)) throw this.recursive(entity);
    this.chain.push(entity);
    const measure = { length: 0, height: 1 };
    for (const segment of this.segmentsOf(entity)) {
      if (typeof segment === 'string') {
        measure.length += segment.length;
      } else {
        const inner = this.measure(segment, depth + 1);
        measure.length += inner.length;
        measure.height = Math.max(measure.height, inner.height + 1);
      }
    }
    this.chain.pop();
    this.measures.set(entity.name, measure);
    return measure;
  }

  // Only called on a measured entity, so the recursion is at most ENTITY_LIMITS.nestingDepth deep.
  private expand(entity: DeclaredEntity): string {
    const known = this.expansions.get(entity.name);
    if (known !== undefined) return known;
    let text = '';
    for (const segment of this.segmentsOf(entity)) {
      text += typeof segment === 'string' ? segment : this.expand(segment);
    }
    this.expansions.set(entity.name, text);
    return text;
  }

  // The replacement text is read as content where the entity is used (XML 1.0 §4.4.5): character and
  // predefined references become their characters, other references segments of their own. Markup would
  // have to become elements, which saxes cannot be handed mid-text, so it is refused rather than passed
  // on as text that other parsers would read differently.
  private segmentsOf(entity: DeclaredEntity): Segment[] {
    const known = this.segments.get(entity.name);
    if (known) return known;
    const text = entity.replacement;
    const markup = text.indexOf('<');
    if (markup !== -1) throw this.holdsMarkup(entity, markup);
    const segments: Segment[] = [];
    let run = '';
    let from = 0;
    for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', from)) {
      run += text.slice(from, at);
      const end = text.indexOf(';', at);
      const body = end === -1 ? '' : text.slice(at + 1, end);
      const declared = this.doctype.entities.get(body);
      if (body.startsWith('#')) {
        const char = decodeCharacterReference(body);
        if (char === null) throw this.malformed(entity, `&${body}; is not a character XML allows`);
        run += char;
      } else if (!isXmlName(body)) {
        throw this.malformed(entity, 'an "&" that starts no reference (write &#38;#38; for an "&")');
      } else if (!declared) {
        // The DOCTYPE reader never stores the predefined five, so they land here too.
        run += PREDEFINED_ENTITIES.get(body) ?? this.undeclared(body, entity);
      } else {
        if (run !== '') segments.push(run);
        run = '';
        segments.push(declared);
      }
      from = end + 1;
    }
    run += text.slice(from);
    if (run !== '') segments.push(run);
    this.segments.set(entity.name, segments);
    return segments;
  }

  // Not declared: an HTML character entity when the DOCTYPE names an external DTD that would define it.
  private undeclared(name: string, inside: DeclaredEntity | null): string {
    const html = xhtmlEntity(name);
    if (html !== undefined && this.doctype.externalDtd) return html;
    const { line, column } = this.position;
    const where = inside
      ? `XML entity &${inside.name}; (declared at line ${inside.line}, used at line ${line}, column ${column}) ` +
        `uses the entity &${name};`
      : `XML uses the entity &${name}; at line ${line}, column ${column}`;
    const fix =
      html === undefined
        ? `Declare it in the DOCTYPE (<!ENTITY ${name} "…">) or replace it with its text`
        : `&${name}; is an HTML entity, which XML knows only from a DTD: declare it in the DOCTYPE as ` +
          `<!ENTITY ${name} "&#${html.codePointAt(0)};"> or write the character itself`;
    const why = this.doctype.externalDtd
      ? ', which its DOCTYPE does not declare and which is not an HTML character entity; Intake never ' +
        'reads the external DTD that may define it. '
      : ', which its DOCTYPE does not declare. ';
    throw new IntakeError('PARSE', where + why + fix, {
      line,
      column,
      entity: name,
      reason: 'undeclared-entity',
    });
  }

  private tooLong(entity: DeclaredEntity, length: number): IntakeError {
    const { line, column } = this.position;
    const limit = ENTITY_LIMITS.expandedCharacters;
    const total = this.expanded + length;
    return new IntakeError(
      'PARSE',
      `XML entities expand too far: &${entity.name}; at line ${line}, column ${column} expands to ` +
        `${length.toLocaleString('en')} characters, which would bring this document's expanded entities to ` +
        `${total.toLocaleString('en')} characters, over the ${limit.toLocaleString('en')}-character limit ` +
        'that keeps entity-expansion attacks such as billion laughs out. If the file is genuine, replace its ' +
        'entities with their text ' +
        'before importing it',
      { line, column, entity: entity.name, characters: total, limit, reason: 'entity-expansion' },
    );
  }

  private tooDeep(entity: DeclaredEntity, deeperStill: boolean): IntakeError {
    const { line, column } = this.position;
    const limit = ENTITY_LIMITS.nestingDepth;
    const path = [...this.chain, entity].map((each) => `&${each.name};`).join(' → ');
    const outer = this.chain[0] ?? entity;
    return new IntakeError(
      'PARSE',
      `XML entity &${outer.name}; at line ${line}, column ${column} nests entity references more than ` +
        `${limit} deep (${path}${deeperStill ? ' → …' : ''}), over the ${limit}-level limit that keeps ` +
        'entity-expansion attacks such as billion laughs out',
      { line, column, entity: outer.name, limit, reason: 'entity-nesting' },
    );
  }

  private recursive(entity: DeclaredEntity): IntakeError {
    const path = [...this.chain.slice(this.chain.indexOf(entity)), entity].map((each) => `&${each.name};`);
    const { line, column } = this.position;
    return new IntakeError(
      'PARSE',
      `XML entity &${entity.name}; (declared at line ${entity.line}) refers to itself (${path.join(' → ')}), ` +
        `used at line ${line}, column ${column}; an entity may not contain itself. Correct the declarations`,
      { line, column, entity: entity.name, reason: 'entity-recursion' },
    );
  }

  private holdsMarkup(entity: DeclaredEntity, markup: number): IntakeError {
    const { line, column } = this.position;
    const text = entity.replacement;
    const excerpt = text.length - markup > 20 ? `${text.slice(markup, markup + 20)}…` : text.slice(markup);
    return new IntakeError(
      'PARSE',
      `XML entity &${entity.name}; (declared at line ${entity.line}, used at line ${line}, column ${column}) ` +
        `holds markup (${excerpt}); Intake expands only entities that hold text. Replace &${entity.name}; ` +
        'with the elements it stands for',
      { line, column, entity: entity.name, reason: 'entity-markup' },
    );
  }

  private malformed(entity: DeclaredEntity, what: string): IntakeError {
    const { line, column } = this.position;
    return new IntakeError(
      'PARSE',
      `XML entity &${entity.name}; (declared at line ${entity.line}, used at line ${line}, column ${column}) ` +
        `holds ${what}; correct the declaration`,
      { line, column, entity: entity.name, reason: 'malformed-entity' },
    );
  }
}
