import { describe, expect, it } from 'vitest';
import { rowShape, splitter } from '../../../src-shared/cleanup/row-shape';
import { applyRecipe } from '../../../src-shared/mapping/apply-recipe';
import { checkKey, columnCheckOf } from '../../../src-shared/mapping/column-check';
import { createRowMapper } from '../../../src-shared/mapping/map-row';
import { addShapeStep, removeCleanupStep, setType } from '../../../src-shared/mapping/mapping-edits';
import type { CleanupStep } from '../../../src-shared/model/cleanup';
import { col, idCol, mappingOf } from '../mapping/fixtures';

const split = (separator: string, into: string[], regex = false) =>
  splitter({ kind: 'split', column: 'name', separator, regex, into });

describe('splitting a value', () => {
  it('cuts at the first separators, the last part taking the rest, parts trimmed, missing parts blank', () => {
    expect(split(' ', ['first', 'last'])('Jan Novák')).toEqual(['Jan', 'Novák']);
    expect(split(' ', ['first', 'last'])('  Jan   Maria  Nováková ')).toEqual(['Jan', 'Maria  Nováková']);
    expect(split(' ', ['first', 'last'])('Cher')).toEqual(['Cher', '']);
    expect(split(',', ['street', 'city', 'zip'])('Dlouhá 5, Praha 1, 110 00')).toEqual([
      'Dlouhá 5',
      'Praha 1',
      '110 00',
    ]);
    expect(split('.', ['a', 'b'])('x.y.z')).toEqual(['x', 'y.z']);
    expect(split('[;/]', ['a', 'b', 'c'], true)('1;2/3')).toEqual(['1', '2', '3']);
    expect(split(' ', ['first', 'last'])('')).toEqual(['', '']);
  });
});

describe('columns added by split and merge', () => {
  const base = mappingOf('customers', [idCol('registered'), col('name'), col('city'), col('zip')]);
  const steps: CleanupStep[] = [
    { kind: 'case', column: 'name', to: 'title' },
    { kind: 'split', column: 'name', separator: ' ', regex: false, into: ['first_name', 'last_name'] },
    { kind: 'merge', columns: ['zip', 'city'], separator: ' ', into: 'address' },
  ];
  let mapping = base;
  for (const step of steps)
    mapping =
      step.kind === 'case'
        ? { ...mapping, cleanup: [...(mapping.cleanup ?? []), step] }
        : addShapeStep(mapping, step);

  it('extends each row after the file’s columns, from the sources as cleaned', () => {
    expect(mapping.columns.map((column) => column.source)).toEqual([
      'registered',
      'name',
      'city',
      'zip',
      'first_name',
      'last_name',
      'address',
    ]);
    const shape = rowShape(
      mapping.columns.map((column) => column.source),
      mapping.cleanup,
    )!;
    expect(shape.sourceWidth).toBe(4);
    expect(shape.extend(['c1', 'jan NOVÁK', 'Praha', '110 00'])).toEqual([
      'c1',
      'jan NOVÁK',
      'Praha',
      '110 00',
      'Jan',
      'Novák',
      '110 00 Praha',
    ]);
    expect(shape.extend(['c2', 'eva', '', ''])).toEqual(['c2', 'eva', '', '', 'Eva', '', '']);
  });

  it('maps and types the added columns like the file’s, and checks a ragged row against the file’s width', () => {
    const typed = setType(mapping, 6, 'text');
    const map = createRowMapper(typed);
    const outcome = map(['c1', 'jan novák', 'Praha', '110 00'], 2);
    expect(
      outcome.ok && outcome.record.attributes.map((attribute) => [attribute.name, attribute.value]),
    ).toEqual([
      ['name', 'Jan Novák'],
      ['city', 'Praha'],
      ['zip', '110 00'],
      ['first_name', 'Jan'],
      ['last_name', 'Novák'],
      ['address', '110 00 Praha'],
    ]);
    const ragged = map(['c1', 'jan', 'Praha'], 3);
    expect(ragged).toMatchObject({
      ok: false,
      reject: { reason: 'The row does not have 4 fields like the header' },
    });
  });

  it('gives an added column a new check key when its source’s steps change', () => {
    const key = (m: typeof mapping) => checkKey(4, columnCheckOf(m, m.columns[4]!)!);
    const retitled = {
      ...mapping,
      cleanup: [{ ...steps[0]!, to: 'upper' as const }, ...mapping.cleanup!.slice(1)],
    };
    expect(key(retitled)).not.toBe(key(mapping));
  });

  it('removing the step removes the columns it added; a recipe brings them back after a file’s columns', () => {
    const withoutSplit = removeCleanupStep(mapping, 1);
    expect(withoutSplit.columns.map((column) => column.source)).toEqual([
      'registered',
      'name',
      'city',
      'zip',
      'address',
    ]);
    // A new file with the columns moved: the recipe's added columns follow the file's own.
    const file = mappingOf('customers', [col('zip'), col('Name'), col('registered'), col('city')]);
    const applied = applyRecipe(file, mapping);
    expect(applied.missing).toEqual([]);
    expect(applied.mapping.columns.map((column) => column.source)).toEqual([
      'zip',
      'Name',
      'registered',
      'city',
      'first_name',
      'last_name',
      'address',
    ]);
    expect(applied.mapping.cleanup?.[1]).toMatchObject({ kind: 'split', column: 'Name' });
  });
});
