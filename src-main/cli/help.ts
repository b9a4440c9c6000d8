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
  import <file>         Import a file into the workspace (stage, map, validate, load) and print the run
    --definition FILE   The import definition (the JSON the app exports as a recipe)
    --type T            Or a quick import: customers, events, catalog, identity, group, vouchers
    --event-type NAME   Events: the event type          --catalog NAME   Catalog: its name
    --pool NAME         Vouchers: the pool              --time-zone Z    Zone of datetimes without offset
    --id COLUMN=IDTYPE  Tag a customer ID column (repeat for several)
    --timestamp COLUMN  The timestamp (events, identity), cursor (group) or update_timestamp (customers)
    --item-id COLUMN    Catalog: the item_id column
    --role COLUMN=ROLE[:IDTYPE]  Any other role: group_id, is_deleted, match_key:email, voucher_code…
    --static NAME=VALUE Add a static column (repeat for several)
    --lowercase-ids     Lowercase ID values
    --name NAME         Save the import under NAME (default: the definition's name, or file → type)
    --workspace DIR     Use the workspace in DIR
    --json              Print {"run","status","rows":{…},"rejects":[first 100],"error"}
    (dialect options as for preview override the definition's)
  workspace query SQL   Run one read-only SELECT on the workspace and print the rows (--json, --workspace)
  serve                 Serve the Intake app to a browser on 127.0.0.1 (the web host)
    --port N            Listen on port N (default: a random free port)
    --open              Open the app in an installed Chromium or Chrome (--app window)
    --workspace DIR     Use the workspace in DIR (default: INTAKE_HOME, then the user-data folder)

Options:
  -h, --help            Show this help
  -v, --version         Print the version
`;
