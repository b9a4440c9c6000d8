import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IntakeError } from '../../../src-shared/errors';
import { LIMITS } from '../../../src-shared/limits';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import { RAW_LINES_AROUND, rawLinesAtOf } from '../../../src-shared/model/raw-lines';
import { previewFile } from '../../services/preview/preview-source';
import { readRawLines } from '../../services/preview/raw-lines';
import { checkLocalFile } from '../../services/sources/register-file';
import { CliError } from '../cli-error';
import { DIALECT_OPTIONS, dialectOverrides } from '../dialect-options';
import { previewJson, rowsText, sniffJson, sniffText } from '../preview-output';
import { rawLinesText } from '../raw-lines-output';

/** `intake sniff <file> [--json]` and `intake preview <file> [--rows N] [dialect options] [--json]`. */
export function sniffCommand(mode: 'sniff' | 'preview') {
  return async (argv: string[]): Promise<void> => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, rows: { type: 'string' }, ...DIALECT_OPTIONS },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0)
      throw new CliError(`Usage: intake ${mode} <file> [options]; see intake --help.`);
    const rows = values.rows === undefined ? LIMITS.previewRows : Number(values.rows);
    if (!Number.isInteger(rows) || rows < 1 || rows > LIMITS.maxPreviewRows) {
      throw new CliError(
        `--rows must be a whole number from 1 to ${LIMITS.maxPreviewRows}, got "${values.rows}".`,
      );
    }
    await checkLocalFile(file);
    const overrides = dialectOverrides(values);
    const preview = await previewFile(file, overrides, rows).catch(async (error: unknown) => {
      // The lines around a parse error, as the wizard shows them (JSON output keeps the coded error).
      throw values.json ? error : await withRawLines(error, file, overrides);
    });
    if (values.json) {
      process.stdout.write(
        JSON.stringify(mode === 'sniff' ? sniffJson(preview) : previewJson(preview)) + '\n',
      );
      return;
    }
    process.stdout.write(sniffText(basename(file), preview));
    if (mode === 'preview') process.stdout.write('\n' + rowsText(preview));
  };
}

/** A parse error that names a place, with the source's lines around it; any other error as it is. */
async function withRawLines(error: unknown, file: string, overrides: DialectOverrides): Promise<unknown> {
  if (!(error instanceof IntakeError) || error.code !== 'PARSE') return error;
  const { at, located } = rawLinesAtOf(error.details);
  if (!located) return error;
  try {
    const raw = await readRawLines({
      spec: { kind: 'file', path: resolve(file) },
      overrides,
      at,
      around: RAW_LINES_AROUND,
      workspaceDir: '',
    });
    return new CliError(`${error.message}\n\n${rawLinesText(raw, at.column)}`, 1);
  } catch {
    return error; // the lines are a help, never a second failure
  }
}
