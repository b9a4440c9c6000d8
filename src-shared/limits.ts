/** Limits Intake checks, each reported with a message that names the limit and the value. */
export const LIMITS = {
  /** Largest file Intake reads: 1 GB (binary gigabyte), refused before reading. */
  fileBytes: 1024 * 1024 * 1024,
  /** Most columns an import may include (the platform's limit on what is imported). */
  columns: 260,
  /**
   * Most columns a source may have to be previewed and mapped: wide exports (survey tools, ERP
   * dumps) are common, and unchecking columns is how they get under `columns`.
   */
  sourceColumns: 10_000,
  /**
   * Deepest XML element nesting Intake reads: 256 levels, libxml2's default (lxml, xmllint and PHP refuse
   * deeper documents unless told otherwise), so no feed that other tools read is refused. Real feeds nest
   * under 20; a cap keeps a hostile file of 100,000 nested tags from costing time and memory per level.
   */
  xmlDepth: 256,
  /** Above this many rows Intake warns (the platforms recommend splitting). */
  warnRows: 1_000_000,
  /** Largest paste: 500 KB, the platform's copy-and-paste limit. */
  pasteBytes: 500_000,
  /** Rows a preview shows by default, and at most. */
  previewRows: 100,
  maxPreviewRows: 1000,
  /** Customer ID length in UTF-8 bytes. */
  customerIdBytes: 256,
  /** Catalog value length in UTF-8 bytes. */
  catalogValueBytes: 28_672,
} as const;

/**
 * "1.5 GB", "480 KB": sizes in the units people read. `decimal` writes the number (the renderer
 * passes its locale's: "1,5 GB"); messages from the host keep the point.
 */
export function formatBytes(
  bytes: number,
  decimal: (value: number, fractionDigits: number) => string = (value, digits) => value.toFixed(digits),
): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${decimal(value, value < 10 ? 1 : 0)} ${units[unit]}`;
}
