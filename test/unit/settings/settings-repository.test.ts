import { describe, expect, it } from 'vitest';
import { readSettings, writeSettings } from '../../../src-main/services/settings/settings-repository';
import { openWorkspace } from '../../../src-main/services/workspace/workspace';
import { makeTempDir } from '../../support/temp-dir';

describe('settings repository', () => {
  it('persists a change across reopening the workspace and keeps other keys at their defaults', () => {
    const temp = makeTempDir();
    const workspace = openWorkspace(temp.dir);
    expect(writeSettings(workspace.db, { theme: 'dark' })).toEqual({
      theme: 'dark',
      previewRows: 100,
      defaultTimeZone: 'UTC',
    });
    workspace.close();
    const reopened = openWorkspace(temp.dir);
    expect(readSettings(reopened.db).theme).toBe('dark');
    reopened.close();
    temp.remove();
  });

  it('falls back to defaults when a stored value no longer validates', () => {
    const temp = makeTempDir();
    const workspace = openWorkspace(temp.dir);
    workspace.db.prepare("INSERT INTO settings VALUES ('previewRows', '999999', 'x')").run();
    expect(readSettings(workspace.db).previewRows).toBe(100);
    workspace.close();
    temp.remove();
  });
});
