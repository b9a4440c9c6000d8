import { afterEach, describe, expect, it } from 'vitest';
import { createAppInfoHandlers } from '../../../src-main/services/app-info/app-info.handlers';
import { localeTags } from '../../../src-main/services/app-info/locale-tags';
import { openWorkspace, type Workspace } from '../../../src-main/services/workspace/workspace';
import { makeTempDir } from '../../support/temp-dir';

describe('localeTags', () => {
  it('turns the names Linux, Windows and macOS report into tags Intl accepts, in order, once each', () => {
    expect(localeTags(['cs_CZ.UTF-8', 'de_DE@euro', 'en-GB', 'cs-CZ', 'C', 'POSIX', ' ', 'fr'])).toEqual([
      'cs-CZ',
      'de-DE',
      'en-GB',
      'fr',
    ]);
    // Intl refuses it (a subtag over eight letters): left out, not thrown.
    expect(localeTags(['en-toolongsubtag', 'sk-SK'])).toEqual(['sk-SK']);
  });
});

describe('app:info', () => {
  const opened: { workspace: Workspace; remove(): void }[] = [];
  afterEach(() => {
    for (const { workspace, remove } of opened.splice(0)) {
      workspace.close();
      remove();
    }
  });
  const open = () => {
    const temp = makeTempDir('intake-app-info-');
    const workspace = openWorkspace(temp.dir);
    opened.push({ workspace, remove: temp.remove });
    return workspace;
  };

  it("reports the desktop's regional format first, and no locales in the web host", async () => {
    const workspace = open();
    const desktop = createAppInfoHandlers({
      workspace,
      shell: 'electron',
      // app.getSystemLocale() then app.getPreferredSystemLanguages(), as on Linux.
      systemLocales: () => ['cs-CZ', 'en_US.UTF-8', 'cs'],
    });
    expect((await desktop['app:info']({})).locales).toEqual(['cs-CZ', 'en-US', 'cs']);
    const web = createAppInfoHandlers({ workspace, shell: 'web' });
    expect((await web['app:info']({})).locales).toEqual([]);
  });
});
