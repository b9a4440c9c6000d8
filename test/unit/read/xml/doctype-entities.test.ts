import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src-shared/limits';
import { previewXml } from '../../../../src-main/services/preview/preview-xml';
import { detectXmlLayout } from '../../../../src-main/services/read/xml/detect-records';
import { XHTML_ENTITY_COUNT, xhtmlEntity } from '../../../../src-main/services/read/xml/xhtml-entities';
import { chunked, readAll, readUntilRefused, thrown, xmlFixture } from './xml-test-helpers';

// Issue 17: feeds with a DOCTYPE. An external DTD is accepted but never read, and the HTML character
// entities it would define are known; internal entities expand. Attacks and limits: doctype-attacks.test.ts.

const NBSP = '\u00a0';
const RSS_ITEMS = ['rss', 'channel', 'item'];

describe('an RSS 0.91 feed naming the Netscape DTD', () => {
  const rss = xmlFixture('rss-091-netscape.xml');
  const expected = [
    {
      title: `Crème brûlée${NBSP}& café`,
      link: 'https://example.com/items/1?a=1&b=2',
      description: `Only 4€${NBSP}– «délicieux»`,
    },
    {
      title: 'Über ß and αβγ',
      link: 'https://example.com/items/2',
      description: '5 × 3 ≠ 16 … ™',
    },
  ];

  it('reads its items with the HTML entities as their characters', () => {
    expect(readAll(rss, RSS_ITEMS)).toEqual(expected);
  });

  it('gives the same records in 1- and 7-character chunks and with CRLF line ends', () => {
    expect(readAll(chunked(rss, [1]), RSS_ITEMS)).toEqual(expected);
    expect(readAll(chunked(rss, [7]), RSS_ITEMS)).toEqual(expected);
    expect(readAll(chunked(rss.replace(/\n/g, '\r\n'), [5]), RSS_ITEMS)).toEqual(expected);
  });

  it('is detected and previewed with the same values', () => {
    expect(detectXmlLayout(rss)).toEqual({
      recordPath: RSS_ITEMS,
      columns: ['title', 'link', 'description'],
    });
    const preview = previewXml(rss, true, 'utf-8', LIMITS.previewRows);
    expect(preview.xmlRecordPath).toEqual(RSS_ITEMS);
    expect(preview.rows).toEqual(expected.map((item) => [item.title, item.link, item.description]));
  });

  it('expands HTML entities in attributes and inside declared entities too', () => {
    const xml =
      '<!DOCTYPE feed SYSTEM "feed.dtd" [<!ENTITY notice "&copy; 2024&nbsp;Intake">]>\n' +
      '<feed><entry label="&eacute;t&eacute;"><n>&notice;</n></entry></feed>';
    expect(readAll(xml, ['feed', 'entry'])).toEqual([{ 'entry@label': 'été', n: `© 2024${NBSP}Intake` }]);
  });

  it('refuses a name that is neither declared nor an HTML entity, naming it and its line', () => {
    const xml = `${rss.slice(0, rss.indexOf('</channel>'))}<item><title>&bogus;</title></item></channel></rss>`;
    const line = xml.split('\n').length;
    const { records, error } = readUntilRefused(xml, RSS_ITEMS);
    expect(records).toEqual(expected);
    expect(error).toMatchObject({
      code: 'PARSE',
      message: expect.stringMatching(
        new RegExp(
          `^XML uses the entity &bogus; at line ${line}, column \\d+, which its DOCTYPE does not declare and ` +
            'which is not an HTML character entity; Intake never reads the external DTD',
        ),
      ),
      details: { line, entity: 'bogus', reason: 'undeclared-entity' },
    });
  });

  it('reads a DOCTYPE that only names an external DTD, as an RSS feed without entities would', () => {
    const xml =
      '<?xml version="1.0"?>\n<!DOCTYPE rows SYSTEM "http://127.0.0.1:9/only.dtd">\n<rows><row><id>1</id></row></rows>\n';
    expect(readAll(xml, ['rows', 'row'])).toEqual([{ id: '1' }]);
  });
});

describe('the XHTML 1.0 character entity table', () => {
  it('holds the 253 names of the lat1, symbol and special sets, each one character', () => {
    expect(XHTML_ENTITY_COUNT).toBe(253);
    // One from each end of each set, and names HTML5 changed or XHTML added.
    const samples = {
      nbsp: 0xa0,
      yuml: 0xff,
      fnof: 0x192,
      diams: 0x2666,
      lang: 0x2329, // XHTML 1.0's code point; HTML5 moved it to U+27E8
      rang: 0x232a,
      quot: 0x22,
      apos: 0x27,
      OElig: 0x152,
      euro: 0x20ac,
      thetasym: 0x3d1,
    };
    for (const [name, codePoint] of Object.entries(samples)) {
      expect(xhtmlEntity(name), name).toBe(String.fromCodePoint(codePoint));
    }
  });

  it('knows no HTML5-only names and nothing from Object.prototype', () => {
    for (const name of ['NewLine', 'bigstar', 'constructor', '__proto__', 'toString', 'Nbsp']) {
      expect(xhtmlEntity(name), name).toBeUndefined();
    }
  });
});

describe('a product feed declaring its own entities', () => {
  const feed = xmlFixture('product-feed-entities.xml');
  const brand = `Café${NBSP}Intake`;
  const expected = [
    {
      'product@id': 'p1',
      'product@maker': brand,
      name: `Espresso${NBSP}cup`,
      shipping: `Ships from ${brand} & partners`,
      about: `Ships from ${brand} & partners — since 2001`,
    },
    {
      'product@id': 'p2',
      'product@maker': brand,
      name: 'Mugs & saucers',
      shipping: `Ships from ${brand} & partners`,
      about: 'Plain text',
    },
  ];

  it('expands nested entities, character references and double-escaped ampersands, first declaration binding', () => {
    expect(readAll(feed, ['products', 'product'])).toEqual(expected);
  });

  it('gives the same records in any chunking and with CRLF line ends', () => {
    for (const sizes of [[1], [3], [64]]) {
      expect(readAll(chunked(feed, sizes), ['products', 'product'])).toEqual(expected);
      expect(readAll(chunked(feed.replace(/\n/g, '\r\n'), sizes), ['products', 'product'])).toEqual(expected);
    }
  });

  it('is detected and previewed with the expanded values', () => {
    const layout = detectXmlLayout(feed);
    expect(layout).toEqual({ recordPath: ['products', 'product'], columns: Object.keys(expected[0] ?? {}) });
    const preview = previewXml(feed, true, 'utf-8', LIMITS.previewRows);
    expect(preview.rows[0]).toEqual(Object.values(expected[0] ?? {}));
  });

  it('does not know HTML names without an external DTD, and says how to declare one', () => {
    const xml = '<!DOCTYPE c [<!ENTITY x "1">]>\n<c><r>&x;</r>\n<r>&eacute;</r></c>';
    const { records, error } = readUntilRefused(xml, ['c', 'r']);
    expect(records).toEqual([{ r: '1' }]);
    expect(error).toMatchObject({
      code: 'PARSE',
      message: expect.stringContaining(
        'XML uses the entity &eacute; at line 3, column 11, which its DOCTYPE does not declare. ' +
          '&eacute; is an HTML entity, which XML knows only from a DTD: declare it in the DOCTYPE as ' +
          '<!ENTITY eacute "&#233;">',
      ),
      details: { line: 3, column: 11, entity: 'eacute', reason: 'undeclared-entity' },
    });
  });
});

describe('undeclared and malformed entities', () => {
  it('refuses an undeclared entity with its name and line, after the records before it', () => {
    const { records, error } = readUntilRefused(xmlFixture('undeclared-entity.xml'), ['catalog', 'book']);
    expect(records).toEqual([{ title: 'Intake shop' }]);
    expect(error).toMatchObject({
      code: 'PARSE',
      message: expect.stringMatching(/^XML uses the entity &vendor; at line 7, column 31, which its DOCTYPE/),
      details: { line: 7, column: 31, entity: 'vendor', reason: 'undeclared-entity' },
    });
  });

  it('names the entity an undeclared name hides in', () => {
    const xml = '<!DOCTYPE c [\n<!ENTITY outer "a &inner; b">\n]>\n<c><r>&outer;</r></c>';
    expect(thrown(() => readAll(xml, ['c', 'r']))).toMatchObject({
      message: expect.stringMatching(
        /^XML entity &outer; \(declared at line 2, used at line 4, column 13\) uses the entity &inner;, which/,
      ),
      details: { line: 4, entity: 'inner', reason: 'undeclared-entity' },
    });
  });

  it('refuses an entity that refers to itself, directly or through another', () => {
    const direct = '<!DOCTYPE c [<!ENTITY a "x&a;">]><c>&a;</c>';
    expect(thrown(() => readAll(direct, ['c']))).toMatchObject({
      message: expect.stringContaining('XML entity &a; (declared at line 1) refers to itself (&a; → &a;)'),
      details: { entity: 'a', reason: 'entity-recursion' },
    });
    const cycle = '<!DOCTYPE c [\n<!ENTITY a "&b;">\n<!ENTITY b "&a;">\n]>\n<c>&a;</c>';
    expect(thrown(() => readAll(cycle, ['c']))).toMatchObject({
      message: expect.stringContaining('refers to itself (&a; → &b; → &a;)'),
      details: { line: 5, reason: 'entity-recursion' },
    });
  });

  it('refuses an entity that holds markup rather than pass tags through as text', () => {
    const xml = '<!DOCTYPE c [<!ENTITY bold "<b>strong</b>">]>\n<c><r>&bold;</r></c>';
    expect(thrown(() => readAll(xml, ['c', 'r']))).toMatchObject({
      message: expect.stringContaining(
        'XML entity &bold; (declared at line 1, used at line 2, column 12) holds markup',
      ),
      details: { line: 2, entity: 'bold', reason: 'entity-markup' },
    });
  });

  it('refuses malformed values and declarations with their line', () => {
    const bareAmpersand = '<!DOCTYPE c [\n<!ENTITY att "AT&T">\n]><c/>';
    expect(thrown(() => readAll(bareAmpersand, ['c']))).toMatchObject({
      message: expect.stringMatching(
        /^XML entity "att" \(declared at line 2\) has a malformed value: an "&"/,
      ),
      details: { line: 2, entity: 'att', reason: 'malformed-entity' },
    });
    const percent = '<!DOCTYPE c [<!ENTITY off "50% off">]><c/>';
    expect(thrown(() => readAll(percent, ['c']))).toMatchObject({ details: { reason: 'malformed-entity' } });
    const noName = '<!DOCTYPE c [\n\n<!ENTITY "v">\n]><c/>';
    expect(thrown(() => readAll(noName, ['c']))).toMatchObject({
      message: expect.stringMatching(
        /^XML has a malformed DOCTYPE \(starting at line 1\): <!ENTITY without a name at line 3/,
      ),
      details: { line: 3, reason: 'malformed-doctype' },
    });
    const badCharacter = '<!DOCTYPE c [<!ENTITY nul "&#0;">]><c/>';
    expect(thrown(() => readAll(badCharacter, ['c']))).toMatchObject({
      details: { reason: 'malformed-entity' },
    });
  });
});

describe('documents whose DOCTYPE declares nothing', () => {
  it('reads a bare DOCTYPE as before', () => {
    expect(readAll(xmlFixture('doctype-bare.xml'), ['catalog', 'book'])).toEqual([
      { title: 'One & only' },
      { title: 'Two' },
    ]);
  });

  it('still refuses an HTML name in a document without a DOCTYPE, with the message it always had', () => {
    const error = thrown(() => readAll('<c>\n<r>a&nbsp;b</r></c>', ['c', 'r']));
    expect(error).toMatchObject({
      code: 'PARSE',
      message:
        'XML is not well-formed at line 2, column 10: undefined entity (XML knows only &amp; &lt; &gt; ' +
        '&quot; &apos; and &#…; references; HTML names such as &nbsp; are not XML)',
      details: { line: 2, column: 10 },
    });
  });
});
