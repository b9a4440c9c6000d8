/** The app's few icons as inline SVG paths (24×24, stroked), so no icon font or asset is needed. */
const PATHS = {
  import: 'M12 3v12m0 0-5-5m5 5 5-5M4 17v3h16v-3',
  /** A table: the imported data. */
  data: 'M4 5h16v14H4Z M4 10h16 M4 15h16 M10 10v9',
  connection:
    'M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1',
  workspace:
    'M4 6c0-1.66 3.58-3 8-3s8 1.34 8 3-3.58 3-8 3-8-1.34-8-3Zm0 0v12c0 1.66 3.58 3 8 3s8-1.34 8-3V6M4 12c0 1.66 3.58 3 8 3s8-1.34 8-3',
} as const;

export type IconName = keyof typeof PATHS;

/** A small stroked icon in the current text colour. */
export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
