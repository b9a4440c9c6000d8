import { writeFileSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src-shared/limits';
import { previewXml } from '../../../../src-main/services/preview/preview-xml';
import { detectXmlLayout } from '../../../../src-main/services/read/xml/detect-records';
import { ENTITY_LIMITS } from '../../../../src-main/services/read/xml/entity-limits';
import { makeTempDir } from '../../../support/temp-dir';
import { chunked, readAll, readUntilRefused, thrown, xmlFixture } from './xml-test-helpers';

// Issue 17: what a DOCTYPE may not do. Expansion bombs stop at the reference that passes a limit, before
// its text is built; external and parameter entities are refused at their declaration, before the first
// element, and nothing they name is ever opened. Each limit is tested at its edge.

/** Every way a document reaches the parser: detection, the preview, and the import reader. */
function refusedEverywhere(xml: string, recordPath: string[]): unknown[] {
  return [
    thrown(() => detectXmlLayout(xml)),
    thrown(() => previewXml(xml, true, 'utf-8', LIMITS.previewRows)),
    thrown(() => readAll(xml, recordPath)),
    thrown(() => readAll(chunked(xml, [4096]), recordPath)),
  ];
}

describe('entity expansion bombs', () => {
  it('refuses the classic billion laughs (ten levels) at its first reference, building nothing', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const errors = refusedEverywhere(xmlFixture('billion-laughs.xml'), ['lolz', 'row']);
    for (const error of errors) {
      expect(error).toMatchObject({
        code: 'PARSE',
        message: expect.stringMatching(
          /^XML entity &lol9; at line 15, column \d+ nests entity references more than 8 deep \(&lol9; → &lol8; → /,
        ),
        details: { line: 15, entity: 'lol9', limit: ENTITY_LIMITS.nestingDepth, reason: 'entity-nesting' },
      });
    }
    // Its expansion is 3 billion characters (6 GB); refusing it must not have held any of that.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses billion laughs that stays within the nesting limit by the characters it would expand to', () => {
    const xml = xmlFixture('billion-laughs-within-depth.xml');
    const { records, error } = readUntilRefused(xml, ['lolz', 'row']);
    // &lol5; is 300,000 characters, within the limit; &lol7; would be 30 million.
    expect(records).toEqual([{ id: '1', note: 'lol'.repeat(100_000) }]);
    expect(error).toMatchObject({
      code: 'PARSE',
      message: expect.stringMatching(
        /^XML entities expand too far: &lol7; at line 14, column \d+ expands to 30,000,000 characters, which would bring this document's expanded entities to 30,300,000 characters, over the 10,000,000-character limit/,
      ),
      details: {
        line: 14,
        entity: 'lol7',
        characters: 30_300_000,
        limit: 10_000_000,
        reason: 'entity-expansion',
      },
    });
    for (const everywhere of refusedEverywhere(xml, ['lolz', 'row'])) {
      expect(everywhere).toMatchObject({ details: { reason: 'entity-expansion' } });
    }
  });

  it('refuses a quadratic blowup at the reference that passes the limit, after the records within it', () => {
    const xml = xmlFixture('quadratic-blowup.xml');
    const { records, error } = readUntilRefused(chunked(xml, [64 * 1024]), ['rows', 'row']);
    // 200 references of 50,000 characters are exactly the limit; the 201st (line 206) passes it.
    expect(records).toHaveLength(200);
    expect(records[199]).toEqual({ id: '200', note: 'x'.repeat(50_000) });
    expect(error).toMatchObject({
      code: 'PARSE',
      details: {
        line: 206,
        entity: 'big',
        characters: 10_050_000,
        limit: 10_000_000,
        reason: 'entity-expansion',
      },
    });
    for (const everywhere of refusedEverywhere(xml, ['rows', 'row'])) {
      expect(everywhere).toMatchObject({ details: { line: 206, reason: 'entity-expansion' } });
    }
  });
});

describe('each entity limit, at its edge', () => {
  // e1 is "x"; each next one holds the one before, so &eN; nests N levels.
  const nested = (levels: number): string => {
    const declarations = Array.from({ length: levels }, (_, i) =>
      i === 0 ? '<!ENTITY e1 "x">' : `<!ENTITY e${i + 1} "[&e${i};]">`,
    );
    return `<!DOCTYPE r [\n${declarations.join('\n')}\n]>\n<r><v>&e${levels};</v></r>`;
  };

  it(`expands references nested ${ENTITY_LIMITS.nestingDepth} deep and refuses one level more`, () => {
    const depth = ENTITY_LIMITS.nestingDepth;
    expect(readAll(nested(depth), ['r'])).toEqual([
      { v: `${'['.repeat(depth - 1)}x${']'.repeat(depth - 1)}` },
    ]);
    expect(thrown(() => readAll(nested(depth + 1), ['r']))).toMatchObject({
      code: 'PARSE',
      details: { entity: `e${depth + 1}`, limit: depth, reason: 'entity-nesting' },
    });
  });

  it('counts nesting through an entity already expanded elsewhere', () => {
    const depth = ENTITY_LIMITS.nestingDepth;
    // &e8; is used first (8 levels, fine); &wrap; then reaches it one level deeper.
    const xml = nested(depth).replace(']>', '<!ENTITY wrap "&e8;">\n]>').replace('</r>', '<w>&wrap;</w></r>');
    expect(thrown(() => readAll(xml, ['r']))).toMatchObject({
      message: expect.stringContaining('(&wrap; → &e8; → …)'),
      details: { entity: 'wrap', reason: 'entity-nesting' },
    });
  });

  it(`reads ${ENTITY_LIMITS.declarations.toLocaleString('en')} declarations and refuses one more, naming its line`, () => {
    const doc = (count: number): string => {
      const declarations = Array.from({ length: count }, (_, i) => `<!ENTITY d${i} "${i}">`);
      return `<!DOCTYPE r [\n${declarations.join('\n')}\n]>\n<r><v>&d0;&d${count - 1};</v></r>`;
    };
    const limit = ENTITY_LIMITS.declarations;
    expect(readAll(doc(limit), ['r'])).toEqual([{ v: `0${limit - 1}` }]);
    expect(thrown(() => readAll(doc(limit + 1), ['r']))).toMatchObject({
      code: 'PARSE',
      message: expect.stringMatching(/^XML's DOCTYPE \(line 1\) declares more than 10,000 entities/),
      details: { line: limit + 2, declarations: limit + 1, limit, reason: 'entity-declarations' },
    });
  });

  it('expands exactly the character limit, counts only references that amplify, and refuses past it', () => {
    const half = ENTITY_LIMITS.expandedCharacters / 2;
    const shortOnes = '&nbsp;&same;&eacute;'.repeat(1000);
    const xml = (references: number): string =>
      `<!DOCTYPE r SYSTEM "r.dtd" [<!ENTITY big "${'x'.repeat(half)}"><!ENTITY nbsp "&#160;"><!ENTITY same "12345">]>\n` +
      `<r>${'<v>&big;</v>'.repeat(references)}<s>${shortOnes}</s></r>`;
    const [record] = readAll(xml(2), ['r']);
    expect(record?.v).toBe(JSON.stringify(['x'.repeat(half), 'x'.repeat(half)]));
    expect(record?.s).toBe('\u00a012345é'.repeat(1000).trim());
    expect(thrown(() => readAll(xml(3), ['r']))).toMatchObject({
      code: 'PARSE',
      details: {
        entity: 'big',
        characters: 3 * half,
        limit: ENTITY_LIMITS.expandedCharacters,
        reason: 'entity-expansion',
      },
    });
  });

  it('counts each document on its own', () => {
    const xml = `<!DOCTYPE r [<!ENTITY big "${'x'.repeat(ENTITY_LIMITS.expandedCharacters)}">]><r><v>&big;</v></r>`;
    expect(readAll(xml, ['r'])).toHaveLength(1);
    expect(readAll(xml, ['r'])).toHaveLength(1);
  });
});

describe('external and parameter entities', () => {
  const SECRET = 'intake-xxe-secret-8c41d0';
  const temp = makeTempDir('intake-xxe-');
  const secretPath = join(temp.dir, 'secret.txt');
  const connections: string[] = [];
  let trap: Server;
  let trapUrl = '';

  beforeAll(async () => {
    writeFileSync(secretPath, SECRET);
    trap = createServer((socket) => {
      connections.push(String(socket.remotePort));
      socket.end(`HTTP/1.0 200 OK\r\n\r\n<!ENTITY leak "${SECRET}">\n`);
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    trapUrl = `http://127.0.0.1:${(trap.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => trap.close(resolve));
    temp.remove();
  });

  /** Writes the document to a file and reads it back, as an import would: real bytes, a real path. */
  function fileOf(name: string, xml: string): string {
    const path = join(temp.dir, name);
    writeFileSync(path, xml);
    return readFileSync(path, 'utf8');
  }

  function expectNothingRead(errors: unknown[]): void {
    for (const error of errors)
      expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(SECRET);
    expect(connections).toEqual([]);
  }

  it('refuses an external entity naming a real file, at its declaration, without reading the file', () => {
    const xml = fileOf(
      'xxe-file.xml',
      `<?xml version="1.0"?>\n<!DOCTYPE rows [\n  <!ENTITY leak SYSTEM "file://${secretPath}">\n]>\n` +
        '<rows><row><id>1</id><note>&leak;</note></row><row><id>2</id></row></rows>\n',
    );
    const { records, error } = readUntilRefused(xml, ['rows', 'row']);
    expect(records).toEqual([]);
    expect(error).toMatchObject({
      code: 'PARSE',
      message: expect.stringMatching(
        /^XML declares the external entity "leak" \(<!ENTITY leak SYSTEM …> at line 3\)/,
      ),
      details: { line: 3, entity: 'leak', kind: 'SYSTEM', reason: 'external-entity' },
    });
    const errors = refusedEverywhere(xml, ['rows', 'row']);
    for (const each of errors) expect(each).toMatchObject({ details: { reason: 'external-entity' } });
    expectNothingRead([error, ...errors]);
  });

  it('refuses the /etc/passwd fixture without any of that file in the answer', () => {
    const error = thrown(() => readAll(xmlFixture('external-entity.xml'), ['catalog', 'book']));
    expect(error).toMatchObject({
      code: 'PARSE',
      details: { line: 3, entity: 'xxe', reason: 'external-entity' },
    });
    expect((error as Error).message).not.toMatch(/root:|\/bin\/|passwd/);
  });

  it('refuses PUBLIC external entities and unparsed (NDATA) ones, connecting to nothing', () => {
    const xml = fileOf(
      'xxe-public.xml',
      `<!DOCTYPE rows [\n<!ENTITY leak PUBLIC "-//X//Y" "${trapUrl}/entity">\n]><rows><row>&leak;</row></rows>`,
    );
    expect(thrown(() => readAll(xml, ['rows', 'row']))).toMatchObject({
      details: { line: 2, entity: 'leak', kind: 'PUBLIC', reason: 'external-entity' },
    });
    const unparsed = `<!DOCTYPE rows [<!ENTITY logo SYSTEM "${trapUrl}/logo.gif" NDATA gif>]><rows/>`;
    const error = thrown(() => readAll(unparsed, ['rows', 'row']));
    expect(error).toMatchObject({ details: { entity: 'logo', reason: 'external-entity' } });
    expectNothingRead([error]);
  });

  it('refuses a parameter entity naming a real file and the trap, reading and connecting to nothing', () => {
    const xml = fileOf(
      'xxe-parameter.xml',
      `<?xml version="1.0"?>\n<!DOCTYPE rows SYSTEM "${trapUrl}/external.dtd" [\n` +
        `  <!ENTITY % local SYSTEM "file://${secretPath}">\n  %local;\n` +
        `  <!ENTITY % remote SYSTEM "${trapUrl}/parameter.dtd">\n  %remote;\n]>\n` +
        '<rows><row><id>1</id></row></rows>\n',
    );
    const errors = refusedEverywhere(xml, ['rows', 'row']);
    for (const error of errors) {
      expect(error).toMatchObject({
        code: 'PARSE',
        message: expect.stringMatching(
          /^XML declares the parameter entity "%local;" \(<!ENTITY % local …> at line 3\)/,
        ),
        details: { line: 3, entity: '%local', reason: 'parameter-entity' },
      });
    }
    expectNothingRead(errors);
  });

  it('refuses the parameter-entity fixture and a parameter-entity reference of any kind', () => {
    expect(thrown(() => readAll(xmlFixture('xxe-parameter-entity.xml'), ['catalog', 'book']))).toMatchObject({
      details: { line: 3, entity: '%remote', reason: 'parameter-entity' },
    });
    const reference = '<!DOCTYPE c [\n  %undeclared;\n]><c/>';
    expect(thrown(() => readAll(reference, ['c']))).toMatchObject({
      message: expect.stringMatching(/^XML's DOCTYPE uses the parameter entity %undeclared; at line 2/),
      details: { line: 2, reason: 'parameter-entity' },
    });
    const inValue = '<!DOCTYPE c [<!ENTITY x "a %p; b">]><c/>';
    expect(thrown(() => readAll(inValue, ['c']))).toMatchObject({
      details: { entity: 'x', reason: 'parameter-entity' },
    });
  });
});
