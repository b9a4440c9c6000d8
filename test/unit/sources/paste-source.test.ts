import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addPaste } from '../../../src-main/services/sources/paste-source';
import type { Database } from 'better-sqlite3';
import { getSource as getStoredSource } from '../../../src-main/services/sources/source-repository';
import { openWorkspace } from '../../../src-main/services/workspace/workspace';
import { makeTempDir } from '../../support/temp-dir';

/** A local-file source with its file's path (a paste always has one). */
function getSource(db: Database, id: string): { path: string } {
  const { path } = getStoredSource(db, id);
  if (path === null) throw new Error(`source ${id} has no file`);
  return { path };
}

describe('pasted data', () => {
  it('is kept as a UTF-8 source file and refused over 500 KB with a message that suggests a file', async () => {
    const temp = makeTempDir();
    const workspace = openWorkspace(temp.dir);
    const source = await addPaste(workspace.db, temp.dir, 'name\tcity\nŽofie\tPlzeň\n');
    expect(readFileSync(getSource(workspace.db, source.id).path, 'utf8')).toBe('name\tcity\nŽofie\tPlzeň\n');
    await expect(addPaste(workspace.db, temp.dir, 'x'.repeat(500_001))).rejects.toThrow(
      /500,001 bytes, over the 500 KB \(500,000 bytes\) paste limit\. Save it as a file/,
    );
    workspace.close();
    temp.remove();
  });
});
