import { safeFileName } from '../../../src-shared/file-name';
import { ImportRecipeSchema } from '../../../src-shared/schemas/mapping';
import type { ImportMapping, ImportRecipe } from '../../../src-shared/model/mapping';
import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';
import { errorMessage } from '../../api/client';
import { downloadText } from '../../components/download-text';

/** The JSON recipe of a mapping: the same file `intake import --definition` reads. */
export function buildRecipe(
  name: string,
  dialect: DialectOverrides,
  header: string[],
  mapping: ImportMapping,
): ImportRecipe {
  return { kind: 'intake.import', version: 2, name, dialect, header, mapping };
}

/**
 * The dialect an import keeps: the person's choices, plus the sheet of a workbook even when it was
 * detected — a workbook that later gains a sheet in front must not switch the import to it.
 */
export function savedDialect(overrides: DialectOverrides, preview: Preview): DialectOverrides {
  if (preview.format !== 'xlsx' || !preview.dialect.sheet || overrides.sheet) return overrides;
  return { ...overrides, sheet: preview.dialect.sheet };
}

/** Saves a recipe as a download named after the import. */
export function downloadRecipe(recipe: ImportRecipe): void {
  downloadText(
    `${safeFileName(recipe.name)}.intake.json`,
    `${JSON.stringify(recipe, null, 2)}\n`,
    'application/json',
  );
}

/** Reads a recipe file; the error names the first field that is wrong. */
export async function readRecipe(file: File): Promise<ImportRecipe> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`${file.name} is not JSON: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const result = ImportRecipeSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') || '(top level)';
    throw new Error(`${file.name} is not an Intake recipe: ${path}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
