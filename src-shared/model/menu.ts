/** Commands the native menu (Electron) sends to the renderer. */
export const MENU_COMMANDS = ['new-import', 'open-file', 'paste-import', 'about'] as const;

/** One native menu command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];
