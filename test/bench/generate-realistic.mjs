// Writes the realistic benchmark file (issue 18): 1,000,000 purchase events of 200,000 customers,
// 5 each, in random order, as real exports come: customer IDs like `c184321` (random, not in key
// order) and an email per customer, 12 columns with quotes, commas and newlines in text, prices,
// dates and booleans. The same seed writes the same bytes; the file is kept in bench-data/ and
// reused once complete (it is written under a temporary name and renamed at the end).
// Usage: node generate-realistic.mjs [path]
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REALISTIC_EVENTS = 1_000_000;
export const REALISTIC_CUSTOMERS = 200_000;
const SEED = 18;

const HEADER =
  'customer_id,email,created_at,delivery_date,channel,product_id,product_name,category,price,quantity,in_stock,note\n';
const FIRST = ['jana', 'petr', 'eva', 'tomas', 'lucie', 'martin', 'anna', 'jiri', 'klara', 'ondrej'];
const LAST = ['novak', 'svobodova', 'dvorak', 'cerna', 'prochazka', 'kucerova', 'vesely', 'horakova'];
const DOMAINS = ['example.com', 'mail.example.org', 'post.example.cz'];
const CHANNELS = ['web', 'app', 'store'];
const PRODUCTS = [
  'Mug "Classic", 350 ml',
  'Tea towel, linen (2 pcs)',
  "Chef's knife 20 cm",
  'Lamp "Nordic"',
  'Socks, wool, size 42',
  'Hrnek "Praha"',
  'Notebook A5, dotted',
  'Plant pot 14 cm',
];
const CATEGORIES = ['Home & Kitchen', 'Garden', 'Clothing, Shoes & Jewelry', 'Office', 'Kuchyně'];
const NOTES = [
  'Leave at the door, please',
  'Gift wrap: "Happy birthday, Eva!"',
  'Ring twice.\nIf nobody answers, leave it with "Novák" next door',
  'Call before delivery, 6–8 pm',
];
const YEAR_START_S = Date.UTC(2025, 0, 1) / 1000;
const YEAR_S = 365 * 86_400;

/** mulberry32: a small seeded PRNG, so the file is the same on every machine. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
function field(text) {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The file's rows, in order: each of REALISTIC_CUSTOMERS customers (a distinct random six-digit
 * number) appears 5 times, shuffled over the whole file.
 */
function* realisticRows() {
  const random = seeded(SEED);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const numbers = Array.from({ length: 900_000 }, (_, i) => i + 100_000);
  for (let i = 0; i < REALISTIC_CUSTOMERS; i++) {
    const j = i + Math.floor(random() * (numbers.length - i));
    [numbers[i], numbers[j]] = [numbers[j], numbers[i]];
  }
  const emails = Array.from(
    { length: REALISTIC_CUSTOMERS },
    (_, i) => `${pick(FIRST)}.${pick(LAST)}${numbers[i]}@${pick(DOMAINS)}`,
  );
  const owners = Array.from({ length: REALISTIC_EVENTS }, (_, i) => i % REALISTIC_CUSTOMERS);
  for (let i = owners.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [owners[i], owners[j]] = [owners[j], owners[i]];
  }
  for (const owner of owners) {
    const at = YEAR_START_S + Math.floor(random() * YEAR_S);
    const delivery = new Date((at + 86_400 * (1 + Math.floor(random() * 6))) * 1000);
    const noteDraw = random();
    const note = noteDraw < 0.8 ? '' : NOTES[Math.floor((noteDraw - 0.8) * 5 * NOTES.length)];
    yield [
      `c${numbers[owner]}`,
      emails[owner],
      new Date(at * 1000).toISOString().replace('.000Z', 'Z'),
      delivery.toISOString().slice(0, 10),
      pick(CHANNELS),
      `SKU-${String(Math.floor(random() * 20_000)).padStart(5, '0')}`,
      pick(PRODUCTS),
      pick(CATEGORIES),
      (Math.floor(random() * 50_000) / 100).toFixed(2),
      String(1 + Math.floor(random() * 5)),
      random() < 0.9 ? 'true' : 'false',
      note,
    ]
      .map(field)
      .join(',');
  }
}

/** Writes the realistic file to `path` unless it is there, complete; returns its size in bytes. */
export function generateRealistic(path) {
  if (existsSync(path)) return statSync(path).size;
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  let written = writeSync(fd, HEADER);
  let buffer = '';
  try {
    for (const row of realisticRows()) {
      buffer += `${row}\n`;
      if (buffer.length > 1 << 20) {
        written += writeSync(fd, buffer);
        buffer = '';
      }
    }
    written += writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path =
    process.argv[2] ?? fileURLToPath(new URL('../../bench-data/bench-realistic-1m.csv', import.meta.url));
  const started = performance.now();
  const bytes = generateRealistic(path);
  console.log(
    `${path}: ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
