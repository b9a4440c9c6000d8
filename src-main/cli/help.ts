/** The text of `intake --help`. */
export const HELP = `Usage: intake <command> [options]

Intake is a data-import workbench: sniff, preview, map and import CSV, TSV and XML.

Commands:
  serve                 Serve the Intake app to a browser on 127.0.0.1 (the web host)
    --port N            Listen on port N (default: a random free port)
    --open              Open the app in an installed Chromium or Chrome (--app window)
    --workspace DIR     Use the workspace in DIR (default: INTAKE_HOME, then the user-data folder)

Options:
  -h, --help            Show this help
  -v, --version         Print the version
`;
