// The mojibake doctor: text that was UTF-8, decoded as Windows-1252 (or Latin-1) and saved again —
// "CafÃ©" for "Café", "itâ€™s" for "it’s", "PÅ™Ã­jmenÃ­" for "Příjmení". Its characters are the
// UTF-8 bytes read one by one, so encoding them back to those bytes and decoding them as UTF-8
// repairs them. It runs in the renderer too (the mapping step's preview), so it has no iconv.

/** Windows-1252's characters for the bytes 0x80–0x9F (the rest of 0xA0–0xFF is Latin-1). */
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

/**
 * A UTF-8 lead byte read as Windows-1252 (Â…ô) followed by a continuation byte read so (0x80–0xBF:
 * Latin-1's range or one of 1252's specials). Cheap to test on every cell; real text rarely has it.
 */
const SUSPECT =
  /[\u00C2-\u00F4][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether a value has the look of mojibake (a cheap test, before trying the repair). */
export function mayBeMojibake(text: string): boolean {
  return SUSPECT.test(text);
}

/**
 * The value as it was before it was garbled, or null when it is not mojibake: every character
 * must be a byte in Windows-1252 (or a Latin-1 control), the bytes must be valid UTF-8, and the
 * result must differ. Applied twice for text garbled twice ("CafÃƒÂ©").
 */
export function repairMojibake(text: string): string | null {
  if (!mayBeMojibake(text)) return null;
  const once = undo(text);
  if (once === null) return null;
  return (mayBeMojibake(once) ? undo(once) : null) ?? once;
}

function undo(text: string): string | null {
  const bytes = new Uint8Array(text.length);
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    const byte = code < 0x100 ? code : CP1252_HIGH[code];
    if (byte === undefined) return null;
    bytes[at] = byte;
  }
  let repaired: string;
  try {
    repaired = strictUtf8.decode(bytes);
  } catch {
    return null;
  }
  return repaired === text ? null : repaired;
}
