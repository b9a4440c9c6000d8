/**
 * The limits on entities a DOCTYPE declares, in one place. Each is far above what real feeds need and far
 * below what an attack needs; each refusal is a PARSE error naming the entity, its line and the limit.
 */
export const ENTITY_LIMITS = {
  /**
   * How deep entity references may nest: &a; whose text uses &b; whose text uses &c; is 3 levels. Feeds
   * nest 1 or 2 (`&copyright;` holding `&copy;`). Amplification needs levels (billion laughs uses 10), and
   * a bound keeps the expansion's recursion shallow whatever the declarations say.
   */
  nestingDepth: 8,
  /**
   * How many <!ENTITY> declarations one DOCTYPE may hold. The whole XHTML 1.0 entity sets are 253; a
   * bound keeps the table and the work of measuring it small.
   */
  declarations: 10_000,
  /**
   * How many characters the entity references of one document may expand to: 10 million, about 10 MB of
   * text. saxes holds a whole text run and the reader a whole record, so an expansion is held in memory:
   * a fixed ceiling keeps that bounded whatever the file's size (an amplification ratio, e.g. expat's
   * 100×, would let a 5 MB file fill 1 GB in one record). Billion laughs (3 billion characters) and a
   * quadratic blowup (one long entity referenced many times) stop at the reference that passes it.
   * References that expand to no more characters than they are written with (`&nbsp;` to one space,
   * and every HTML character entity) amplify nothing and are not counted, so a large feed full of them
   * is never refused.
   */
  expandedCharacters: 10_000_000,
} as const;
