/** How ambiguous raw values are read; chosen by the user in the mapping step. */
export interface ValueOptions {
  /** IANA zone for ISO datetimes without an offset (DESIGN.md §5); offsets in the data win. Default 'UTC'. */
  timeZone?: string;
  /** The decimal separator of number columns. Default '.'. */
  decimalSeparator?: '.' | ',';
  /** How to read slash dates like 03/04/2025; without it only unambiguous ones parse. */
  dateOrder?: 'DMY' | 'MDY';
  /** Read 13-digit UNIX timestamps as milliseconds instead of refusing them. Default false. */
  convertMilliseconds?: boolean;
}
