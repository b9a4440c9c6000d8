// Writes the benchmark's CSV files: 12 columns with quotes, commas and newlines inside quotes,
// numbers and ISO datetimes. Files are kept in bench-data/ and reused while their size matches.
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';

const HEADER = 'id,email,name,city,amount,qty,created_at,active,note,tags,score,code\n';
const CITIES = ['Praha', 'Brno', 'Ostrava "Poruba"', 'Plzeň', 'České Budějovice', 'Hradec Králové'];

function row(i) {
  const name = i % 7 === 0 ? `"Novák, Jan ${i}"` : `Jana Dvořáková ${i}`;
  const city = CITIES[i % CITIES.length];
  const quotedCity = city.includes('"') ? `"${city.replaceAll('"', '""')}"` : city;
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  const time = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
  const note =
    i % 50 === 0
      ? `"first line of the note\nsecond line, with a comma"`
      : 'ordinary note text for this customer row';
  return `${i},customer.${i}@example.com,${name},${quotedCity},${((i * 37) % 100000) / 100},${i % 17},2024-${month}-${day}T${time}Z,${i % 3 === 0 ? 'true' : 'false'},${note},"[""tag${i % 5}"",""vip""]",${(i * 13) % 1000},${String(i % 100000).padStart(5, '0')}\n`;
}

/** Writes `rows` rows (or until `bytes` is reached) to `path` unless a file of that size is there. */
export function generateCsv(path, { rows = Infinity, bytes = Infinity }) {
  if (existsSync(path)) {
    const size = statSync(path).size;
    if ((bytes !== Infinity && Math.abs(size - bytes) < 1_000_000) || (bytes === Infinity && size > 1000))
      return size;
  }
  const fd = openSync(path, 'w');
  let written = writeSync(fd, HEADER);
  let buffer = '';
  for (let i = 1; i <= rows && written + buffer.length < bytes; i++) {
    buffer += row(i);
    if (buffer.length > 1 << 20) {
      written += writeSync(fd, buffer);
      buffer = '';
    }
  }
  written += writeSync(fd, buffer);
  closeSync(fd);
  return written;
}
