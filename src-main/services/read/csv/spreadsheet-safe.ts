/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first)
 * prefixed with an apostrophe, which spreadsheets show as text: values come from source files, and
 * opening a download (rejects, an export) must not execute them (OWASP "CSV injection").
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
