/** Which shell the renderer is running in. */
export type ShellKind = 'electron' | 'web';

/** What the About box and the Workspace page show. */
export interface AppInfo {
  name: string;
  version: string;
  shell: ShellKind;
  workspacePath: string;
  databasePath: string;
  schemaVersion: number;
  platform: string;
  versions: { node: string; electron: string | null; sqlite: string };
  /**
   * The user's regional format first, then their preferred languages (BCP 47 tags), for formatting
   * dates and numbers. Empty where the host cannot know them (the web host: the browser's
   * languages are the user's there).
   */
  locales: string[];
}
