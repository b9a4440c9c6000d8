import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src-shared/model/menu';

/** Builds the native menu; each Intake command is sent to the renderer as a `menu:command` event. */
export function buildMenu(send: (command: MenuCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Import', accelerator: 'CmdOrCtrl+N', click: () => send('new-import') },
        { label: 'Open File…', accelerator: 'CmdOrCtrl+O', click: () => send('open-file') },
        { label: 'Paste as New Import', accelerator: 'CmdOrCtrl+Shift+V', click: () => send('paste-import') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      role: 'help',
      submenu: [{ label: `About ${app.getName()}`, click: () => send('about') }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
