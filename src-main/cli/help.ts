/** The text of `intake --help`. */
export const HELP = `Usage: intake <command> [options]

Intake is a data-import workbench: sniff, preview, map and import CSV, TSV, XML and Excel (.xlsx) from files,
URL feeds, SQL databases and file storage (SFTP, S3, Azure Blob, Google Cloud Storage).

Commands:
  sniff <file>          Detect format, encoding, delimiter, header and column types
  preview <file>        The same, plus the first rows exactly as in the file after unquoting
    --rows N            Rows to show (default 100, at most 1000)
    --encoding E        Read as E: utf-8, utf-16le, utf-16be, cp1250…cp1258, latin1, iso-8859-2
    --delimiter D       comma, semicolon, tab, pipe, space, dot, colon, dash, tilde (or the character)
    --header | --no-header   Whether row 1 holds the column names (detected by default)
    --format csv|xml|xlsx    Read as CSV, XML or an Excel workbook (detected by default)
    --sheet NAME        Excel: the sheet to read (default: the first visible sheet holding a table)
    --quote double|single    The quote character (detected by default)
    --skip-lines N      Lines (Excel: sheet rows) before the header that are not the table (detected)
    --strict-quotes     Refuse a quote that never closes (default: read it as text, with a warning)
    --json              Print one JSON object instead of text
  import <file>         Import a file into the workspace (stage, map, validate, load) and print the run
    --url URL [--connection NAME]          Or a URL feed (Basic auth from a URL connection)
    --connection NAME --query "SELECT …"   Or a SELECT on a PostgreSQL, MySQL/MariaDB or SQLite connection
    --connection NAME --path P [--match /RE/] [--select RULE]   Or files in storage: P is a file, or the
                        folder or prefix /RE/ searches; RULE: all, last-modified (default),
                        last-alphabetically, not-imported-yet
    --workspace-query "SELECT …"           Or a read-only SELECT on the workspace itself
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
    --schedule "SPEC"   Save a schedule with the import (needs --name; not for a file): SPEC is
                        once YYYY-MM-DDTHH:MM | daily HH:MM[,HH:MM…] | weekly DAY[,DAY…] HH:MM |
                        monthly N|last[,…] HH:MM, then tz=ZONE and until=YYYY-MM-DD (both optional)
    --on-new-file       Or run whenever a new file matches (storage; not with --select all)
    --to NAME           Push to a saved bloomreach, segment or postgres connection instead of the
                        workspace (--schema S for PostgreSQL; public by default)
    --incremental       Each run reads only rows whose time field (--timestamp, or the cursor or
                        update_timestamp role) is after the last one imported (database, storage)
    --workspace DIR     Use the workspace in DIR
    --json              Print {"run","status","rows":{…},"rejects":[first 100],"error"} (+ "files" for storage)
    (dialect options as for preview override the definition's)
  run <import>          Run a saved import again (by name or id); --json, --workspace as for import
    --reset-cursor      An incremental import forgets its cursor first: this run reads everything
    --resend-all        A push forgets what its destination took: this run sends every record
    --dry-run           Count what the run would import or push, and keep and send nothing (also for import)
    --test-row N        A push sends only row N (even unchanged) and prints the platform's raw answer
  quarantine list|retry <import>   Records a platform refused (with its reason); send them again
  connections add <name> --kind url|postgres|mysql|sqlite|sftp|s3|azure|gcs
                        Save a connection, then test it. Settings: --host --port --user --database
                        --path (SQLite file) --url (a feed to test) --bucket --region --endpoint
                        --container --account --auth key|connectionString|sas --key-file (SFTP key)
    --secret-stdin      Read the password, secret key, account key, SAS, service-account JSON or key
                        passphrase from standard input (never an argument); kept in the OS keychain
    --trust-host-key    SFTP: pin the server's host key shown by the test (check its SHA256 first)
  connections list | test <name> | remove <name>   (--json; remove is refused while imports use it)
  sources list --connection NAME [--path P] [--match /RE/] [--import NAME]
                        The files a storage path or pattern matches: size, modified, already imported
  sources tables --connection NAME   A database connection's tables and columns
  schedules list       Every schedule and new-file trigger with its next due time (--json)
  schedules next <import> [--from ISO] [--count N]   The next due times, UTC (--json)
  schedules set <import> "SPEC" | --new-file;  schedules pause|resume|remove <import>
                        (runs start in the app or intake serve, never in intake import)
  workspace query SQL   Run one read-only SELECT on the workspace and print the rows (--json, --workspace)
  serve                 Serve the Intake app to a browser on 127.0.0.1 (the web host)
    --port N            Listen on port N (default: a random free port)
    --open              Open the app in an installed Chromium or Chrome (--app window)
    --workspace DIR     Use the workspace in DIR (default: INTAKE_HOME, then the user-data folder)
    --no-schedules      Do not start scheduled or triggered runs
    --on-failure "CMD"  Run CMD (in sh) when a scheduled or triggered run fails, with INTAKE_IMPORT,
                        INTAKE_RUN_ID, INTAKE_STARTED_BY and INTAKE_ERROR in its environment

Options:
  -h, --help            Show this help
  -v, --version         Print the version
`;
