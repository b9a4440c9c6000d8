// The declaration is read from bytes, before any decoding, because it is what tells the decoder which
// encoding to use. Only ASCII can appear in it, so each byte layout (UTF-8, UTF-16 LE/BE with or without
// a BOM) is reduced to its ASCII characters and matched once.

const DECLARATION_SCAN_CHARS = 256;

const DECLARED_ENCODING = /^\s*<\?xml\s(?:[^?>]*?\s)?encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/;

interface ByteLayout {
  start: number;
  step: number;
}

/** The encoding="…" of the document's <?xml …?> declaration, lowercased, or null when it declares none. */
export function xmlDeclaredEncoding(head: Uint8Array): string | null {
  const match = DECLARED_ENCODING.exec(asciiView(head, byteLayout(head)));
  return match?.[2]?.toLowerCase() ?? null;
}

// UTF-16 without a BOM is recognised by "<?" written as two-byte units (XML 1.0 Appendix F).
function byteLayout(head: Uint8Array): ByteLayout {
  const [b0, b1, b2, b3] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { start: 3, step: 1 };
  if (b0 === 0xff && b1 === 0xfe) return { start: 2, step: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { start: 3, step: 2 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { start: 0, step: 2 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { start: 1, step: 2 };
  return { start: 0, step: 1 };
}

function asciiView(head: Uint8Array, layout: ByteLayout): string {
  let text = '';
  for (let i = layout.start; i < head.length && text.length < DECLARATION_SCAN_CHARS; i += layout.step) {
    const byte = head[i] ?? 0;
    // Anything outside ASCII cannot be part of the declaration; a placeholder stops the match there.
    text += byte < 0x80 ? String.fromCharCode(byte) : '\u0000';
    if (byte === 0x3e) break; // '>' ends the declaration
  }
  return text;
}
