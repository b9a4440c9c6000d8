import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { LIMITS } from '../../../src-shared/limits';
import { previewFile } from '../../services/preview/preview-source';
import { checkLocalFile } from '../../services/sources/register-file';
import { CliError } from '../cli-error';
import { DIALECT_OPTIONS, dialectOverrides } from '../dialect-options';
import { previewJson, rowsText, sniffJson, sniffText } from '../preview-output';

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
    const preview = await previewFile(file, dialectOverrides(values), rows);
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
