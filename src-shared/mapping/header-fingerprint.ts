/**
 * A short, stable fingerprint of a header: the same column names in the same order, compared
 * without case and surrounding spaces. A dropped file whose fingerprint matches a saved import's
 * is offered that import's mapping. FNV-1a (64-bit via BigInt is slow in hot loops, but this runs
 * once per file) keeps it dependency-free and identical in the renderer and in main.
 */
export function headerFingerprint(header: readonly string[]): string {
  const text = header.map((name) => name.trim().toLowerCase()).join('\u001f');
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return `${header.length}:${hash.toString(16).padStart(16, '0')}`;
}
