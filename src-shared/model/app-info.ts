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
}
