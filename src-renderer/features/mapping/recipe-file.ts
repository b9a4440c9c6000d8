import { ImportRecipeSchema } from '../../../src-shared/schemas/mapping';
import type { ImportMapping, ImportRecipe } from '../../../src-shared/model/mapping';
import type { DialectOverrides } from '../../../src-shared/model/preview';

/** The JSON recipe of a mapping: the same file `intake import --definition` reads. */
export function buildRecipe(
  name: string,
  dialect: DialectOverrides,
  header: string[],
  mapping: ImportMapping,
): ImportRecipe {
  return { kind: 'intake.import', version: 1, name, dialect, header, mapping };
}

/** Saves a recipe as a download named after the import. */
export function downloadRecipe(recipe: ImportRecipe): void {
  const blob = new Blob([`${JSON.stringify(recipe, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${recipe.name.trim().replace(/[^\p{L}\p{N}_.-]+/gu, '_') || 'import'}.intake.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a recipe file; the error names the first field that is wrong. */
export async function readRecipe(file: File): Promise<ImportRecipe> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`${file.name} is not JSON: ${error instanceof Error ? error.message : String(error)}`, {
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
