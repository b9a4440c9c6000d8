import { describe, expect, it } from 'vitest';
import { defaultImportOptions } from '../../../src-shared/model/mapping';
import { ImportOptionsSchema } from '../../../src-shared/schemas/mapping';

describe('defaultImportOptions', () => {
  it('starts in UTC with neutral settings', () => {
    expect(defaultImportOptions()).toEqual({
      timeZone: 'UTC',
      decimalSeparator: '.',
      dateOrder: null,
      convertMilliseconds: false,
      eventType: '',
      catalogName: '',
      catalogKind: 'general',
      poolName: '',
      retentionDays: null,
    });
  });

  it('takes the time zone it is given', () => {
    expect(defaultImportOptions('Europe/Prague').timeZone).toBe('Europe/Prague');
  });

  it('returns a fresh object each time', () => {
    const a = defaultImportOptions();
    a.eventType = 'changed';
    expect(defaultImportOptions().eventType).toBe('');
  });

  it('passes its own schema', () => {
    expect(ImportOptionsSchema.safeParse(defaultImportOptions('America/New_York')).success).toBe(true);
  });
});
