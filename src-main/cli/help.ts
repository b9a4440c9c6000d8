/** The text of `intake --help`. */
export const HELP = `Usage: intake <command> [options]

Intake is a data-import workbench: sniff, preview, map and import CSV, TSV and XML.

Commands:
  sniff <file>          Detect format, encoding, delimiter, header and column types
  preview <file>        The same, plus the first rows exactly as in the file after unquoting
    --rows N            Rows to show (default 100, at most 1000)
    --encoding E        Read as E: utf-8, utf-16le, utf-16be, cp1250…cp1258, latin1, iso-8859-2
    --delimiter D       comma, semicolon, tab, pipe, space, dot, colon, dash, tilde (or the character)
    --header | --no-header   Whether row 1 holds the column names (detected by default)
    --format csv|xml    Read as CSV or XML (detected by default)
    --json              Print one JSON object instead of text
  serve                 Serve the Intake app to a browser on 127.0.0.1 (the web host)
    --port N            Listen on port N (default: a random free port)
    --open              Open the app in an installed Chromium or Chrome (--app window)
    --workspace DIR     Use the workspace in DIR (default: INTAKE_HOME, then the user-data folder)

Options:
  -h, --help            Show this help
  -v, --version         Print the version
`;
