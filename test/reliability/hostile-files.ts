import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

// Hostile inputs for the reliability suite (issue 19): each class an attacker or a careless user hands
// Intake, written into a temporary folder at test time (never committed: 60 MB and growing with soak).

/** One generated file, and how the suite's `intake import --id <idColumn>=registered` names its key. */
export interface HostileFile {
  /** Short label for the table. */
  id: string;
  /** What the file is, in a few words. */
  what: string;
  /** Absolute path of the file. */
  path: string;
  /** The column `import --type customers --id <idColumn>=registered` keys on (the file's own, when it has one). */
  idColumn: string;
}

/** Where the external-entity files point, and whether to make the big inputs bigger. */
export interface HostileOptions {
  /** A port on 127.0.0.1 the external-entity files point at (the suite listens there for connections). */
  trapPort: number;
  /** A file the file-external-entity names: its content must never show up anywhere. */
  secretPath: string;
  /** Bigger inputs (the soak): more attributes, deeper nesting, longer lines. */
  soak?: boolean;
}

const MB = 1024 * 1024;

/** The file name of the hostile-name input: spaces, both quotes, unicode, `;`, `$(…)` and a leading dash. */
export const HOSTILE_NAME = `-rf "quoted" 'single' žluťoučký 🐎; $(touch pwned) \`id\`.csv`;

/** Writes every hostile input into `dir` and returns them in table order. */
export function generateHostileFiles(dir: string, options: HostileOptions): HostileFile[] {
  const scale = options.soak ? 4 : 1;
  const files: HostileFile[] = [];
  const add = (id: string, what: string, name: string, idColumn: string, bytes: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    files.push({ id, what, path, idColumn });
  };

  add('empty', 'empty file', 'empty.csv', 'id', '');
  add('bom-only', 'UTF-8 BOM and nothing else', 'bom-only.csv', 'id', Buffer.from([0xef, 0xbb, 0xbf]));
  add('nul-bytes', 'NULs inside text fields', 'nul-bytes.csv', 'id', 'id,name\n1,An\0n\n2,\0\0\0\n3,Cid\n');
  add(
    'invalid-utf8',
    'UTF-8 with broken sequences',
    'invalid-utf8.csv',
    'id',
    Buffer.concat([
      Buffer.from('id,name\n1,caf'),
      Buffer.from([0xc3, 0x28]), // a lead byte followed by ASCII
      Buffer.from('\n2,'),
      Buffer.from([0xff, 0xfe, 0xfd]), // bytes that never occur in UTF-8
      Buffer.from('\n3,na\u00efve\n'),
    ]),
  );
  add(
    'field-10mb',
    'one quoted field of 10 MB',
    'field-10mb.csv',
    'id',
    `id,note\n1,"${'x'.repeat(10 * MB)}"\n2,short\n`,
  );
  writeRepeated(join(dir, 'no-newline-50mb.csv'), 'abcdefgh,', Math.ceil((50 * MB * scale) / 9));
  files.push({
    id: 'no-newline-50mb',
    what: `${50 * scale} MB without a line break`,
    path: join(dir, 'no-newline-50mb.csv'),
    idColumn: 'id',
  });
  const wide = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
  add('columns-10000', '10,000 columns', 'columns-10000.csv', 'c0', `${wide.join(',')}\n${wide.join(',')}\n`);
  const names = Array.from({ length: 400_000 }, (_, i) => `column_name_${i}`);
  add(
    'header-400000',
    'a 400,000-name header and one row',
    'header-400000.csv',
    'column_name_0',
    `${names.join(',')}\n${'1,'.repeat(names.length - 1)}1\n`,
  );
  add(
    'unterminated-quote',
    'a quote opened and never closed',
    'unterminated-quote.csv',
    'id',
    'id,name\n1,Ann\n2,"Bob\n3,Cid\n4,Dee\n',
  );
  add('png-as-csv', 'a PNG image renamed .csv', 'image.csv', 'id', png(64, 64));
  add('random-as-csv', '1 MB of random bytes renamed .csv', 'random.csv', 'id', randomBytes(MB, 'intake'));
  add('billion-laughs', 'XML entity expansion bomb', 'billion-laughs.xml', 'id', billionLaughs());
  add(
    'xxe-file',
    'XML external entity to a local file',
    'xxe-file.xml',
    'id',
    `<?xml version="1.0"?>\n<!DOCTYPE rows [<!ENTITY leak SYSTEM "file://${options.secretPath}">]>\n` +
      '<rows><row><id>1</id><note>&leak;</note></row></rows>\n',
  );
  const trap = `http://127.0.0.1:${options.trapPort}`;
  add(
    'xxe-port',
    'XML external entities and DTD to a local port',
    'xxe-port.xml',
    'id',
    `<?xml version="1.0"?>\n<!DOCTYPE rows SYSTEM "${trap}/external.dtd" [\n` +
      `  <!ENTITY % remote SYSTEM "${trap}/parameter.dtd">\n  %remote;\n` +
      `  <!ENTITY fetched SYSTEM "${trap}/entity">\n]>\n` +
      '<rows><row><id>1</id><note>&fetched;</note></row></rows>\n',
  );
  add(
    'xxe-port-dtd',
    'XML whose only DOCTYPE is an external DTD on a local port',
    'xxe-port-dtd.xml',
    'id',
    `<?xml version="1.0"?>\n<!DOCTYPE rows SYSTEM "${trap}/only.dtd">\n<rows><row><id>1</id></row></rows>\n`,
  );
  writeAttributes(join(dir, 'attributes-1m.xml'), 1_000_000 * scale);
  files.push({
    id: 'attributes-1m',
    what: `one element with ${(1_000_000 * scale).toLocaleString('en')} attributes`,
    path: join(dir, 'attributes-1m.xml'),
    idColumn: 'a0',
  });
  const depth = 100_000 * scale;
  add(
    'nesting-100k',
    `elements nested ${depth.toLocaleString('en')} deep`,
    'nesting-100k.xml',
    'a',
    `<?xml version="1.0"?>\n${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}\n`,
  );
  add('formulas', 'spreadsheet formulas under a comma header', 'formulas.csv', 'y', formulas(FORMULA_ROWS));
  add('mixed-line-ends', 'CR, LF and CRLF mixed, ragged rows', 'mixed-line-ends.csv', 'id', MIXED_LINE_ENDS);
  add(
    'header-empty-duplicate',
    'header of empty and repeated names',
    'header-names.csv',
    'id',
    'id,,name,name,,id,\nc1,a,Ann,Anna,x,c1,\nc2,b,Bob,Bobby,y,c2,\nc3,c,Cid,Cidney,z,c3,\n',
  );
  add(
    'hostile-name',
    'a file name with quotes, ;, $(…), a leading dash',
    HOSTILE_NAME,
    'id',
    HOSTILE_NAME_CSV,
  );
  add(
    'utf16-odd-bytes',
    'UTF-16LE with an odd byte count',
    'utf16-odd.csv',
    'id',
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('id,name\n1,Ann\n2,Bob\n', 'utf16le'),
      Buffer.from([0x41]),
    ]),
  );
  // Paths that are not regular files: nothing to read, or a read that would block forever (a FIFO).
  mkdirSync(join(dir, 'directory.csv'));
  files.push({
    id: 'directory',
    what: 'a directory named .csv',
    path: join(dir, 'directory.csv'),
    idColumn: 'id',
  });
  const fifo = join(dir, 'fifo.csv');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status !== 0) throw new Error(`mkfifo ${fifo} failed: ${made.stderr}`);
  files.push({ id: 'fifo', what: 'a named pipe named .csv, no writer', path: fifo, idColumn: 'id' });
  files.push({
    id: 'missing',
    what: 'a path that does not exist',
    path: join(dir, 'missing.csv'),
    idColumn: 'id',
  });
  return files;
}

/** Rows in the formula file (enough for detection to see a consistent table). */
export const FORMULA_ROWS = 3_000;

/** The formula file's `x` cell: a DDE payload spreadsheets run when the cell is opened. */
export const FORMULA = "=cmd|' /C calc'!A0";

/** `x,y` then FORMULA_ROWS rows of a formula and a unique email. */
function formulas(rows: number): string {
  const lines = ['x,y'];
  for (let i = 0; i < rows; i++) lines.push(`${FORMULA},user${i}@example.com`);
  return `${lines.join('\n')}\n`;
}

/** Issue 19 #2's file: LF, CR and CRLF line ends; row 4 is short and row 5 long (rows count the header). */
const MIXED_LINE_ENDS = 'id,name,age\r\n1,Ann,30\n2,Bob,41\r3,Cid\r\n4,Dee,52,extra\n5,Eve,23\r';

/** A small, well-formed file behind the hostile name. */
const HOSTILE_NAME_CSV = 'id,name\n1,Ann\n2,Bob\n';

/** `count` bytes of `unit` repeated, written in 1 MB pieces (no newline anywhere). */
function writeRepeated(path: string, unit: string, count: number): void {
  const piece = Buffer.from(unit.repeat(Math.ceil(MB / unit.length)));
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < count * unit.length; written += piece.length) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}

/** `<root><r a0="0" a1="1" …/></root>`: one element with `count` attributes. */
function writeAttributes(path: string, count: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, '<?xml version="1.0"?>\n<root><r');
    const batch = 10_000;
    for (let start = 0; start < count; start += batch) {
      let text = '';
      for (let i = start; i < Math.min(count, start + batch); i++) text += ` a${i}="${i}"`;
      writeSync(fd, text);
    }
    writeSync(fd, '/></root>\n');
  } finally {
    closeSync(fd);
  }
}

/** The classic lol9 document: 10^9 "lol"s once expanded. */
function billionLaughs(): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE rows [\n  ${entities.join('\n  ')}\n]>\n<rows><row><id>1</id><note>&lol9;</note></row></rows>\n`;
}

/** Deterministic pseudo-random bytes (SHA-256 in counter mode), the same on every run. */
function randomBytes(length: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; i * 32 < length; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

/** A real PNG of noise, so the bytes are what an image renamed .csv holds (signature, chunks, zlib). */
function png(width: number, height: number): Buffer {
  const noise = randomBytes(height * (1 + width * 3), 'png');
  for (let y = 0; y < height; y++) noise[y * (1 + width * 3)] = 0; // each scanline's filter byte
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(noise)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
