import { describe, expect, it } from 'vitest';
import {
  MAX_SELECTED_FILES,
  nameMatcher,
  selectFiles,
} from '../../../src-main/services/sources/storage/file-selection';

const file = (name: string, modifiedAt: string, size = 10) => ({ name, size, modifiedAt });
const FILES = [
  file('export_2.csv', '2026-11-02T00:00:00Z'),
  file('export_10.csv', '2026-11-01T00:00:00Z'),
  file('export_1.csv', '2026-11-03T00:00:00Z'),
  file('notes.txt', '2026-11-04T00:00:00Z'),
];

describe('storage file selection', () => {
  it('matches names by a regular expression between slashes, or one exact name without them', () => {
    expect(FILES.map((f) => f.name).filter(nameMatcher('/export_[0-9]+\\.csv/'))).toEqual([
      'export_2.csv',
      'export_10.csv',
      'export_1.csv',
    ]);
    expect(FILES.map((f) => f.name).filter(nameMatcher('/EXPORT_1\\.CSV/i'))).toEqual(['export_1.csv']);
    // Without slashes it is a name (a path), not a pattern: the dot is a dot.
    expect(FILES.map((f) => f.name).filter(nameMatcher('export_1.csv'))).toEqual(['export_1.csv']);
    expect(FILES.map((f) => f.name).filter(nameMatcher('export_.*'))).toEqual([]);
    expect(() => nameMatcher('/export_[0-9/')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringMatching(/not a valid regular expression/),
      }),
    );
  });

  it('applies each selection rule in its order', () => {
    const csv = FILES.filter((f) => nameMatcher('/\\.csv$/')(f.name));
    expect(selectFiles(csv, 'all', [], 'x').map((f) => f.name)).toEqual([
      'export_1.csv',
      'export_10.csv',
      'export_2.csv',
    ]);
    expect(selectFiles(csv, 'last-modified', [], 'x').map((f) => f.name)).toEqual(['export_1.csv']);
    expect(selectFiles(csv, 'last-alphabetically', [], 'x').map((f) => f.name)).toEqual(['export_2.csv']);
    const imported = [{ name: 'export_10.csv', size: 10, modifiedAt: '2026-11-01T00:00:00Z' }];
    expect(selectFiles(csv, 'not-imported-yet', imported, 'x').map((f) => f.name)).toEqual([
      'export_2.csv',
      'export_1.csv',
    ]);
    // A file rewritten under the same name (another size or time) is new again.
    const rewritten = [{ name: 'export_10.csv', size: 99, modifiedAt: '2026-11-01T00:00:00Z' }];
    expect(selectFiles(csv, 'not-imported-yet', rewritten, 'x').map((f) => f.name)).toContain(
      'export_10.csv',
    );
  });

  it('refuses more than 200 files for all and not-imported-yet, counting imported ones, naming the count', () => {
    const many = Array.from({ length: MAX_SELECTED_FILES + 1 }, (_, i) =>
      file(`f${i}.csv`, `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`),
    );
    const imported = many.slice(0, 150);
    for (const rule of ['all', 'not-imported-yet'] as const) {
      expect(() => selectFiles(many, rule, imported, 'sftp://host/exports')).toThrow(
        expect.objectContaining({
          code: 'LIMIT',
          message: expect.stringMatching(
            /^201 files match in sftp:\/\/host\/exports, over the 200-file limit/,
          ),
        }),
      );
    }
    expect(selectFiles(many.slice(0, 200), 'not-imported-yet', imported, 'x')).toHaveLength(50);
    expect(selectFiles(many, 'last-modified', [], 'x')).toHaveLength(1);
  });
});
