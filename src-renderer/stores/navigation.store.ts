import { create } from 'zustand';

/** The pages of the sidebar. */
export type Page = 'imports' | 'data' | 'connections' | 'workspace';

interface NavigationState {
  page: Page;
  aboutOpen: boolean;
  pasteOpen: boolean;
}

/** Which page is shown and which dialogs are open. */
export const useNavigationStore = create<NavigationState>(() => ({
  page: 'imports',
  aboutOpen: false,
  pasteOpen: false,
}));

/** Shows a page of the sidebar. */
export function showPage(page: Page): void {
  useNavigationStore.setState({ page });
}

/** Opens or closes the About dialog. */
export function setAboutOpen(aboutOpen: boolean): void {
  useNavigationStore.setState({ aboutOpen });
}

/** Opens or closes the paste box. */
export function setPasteOpen(pasteOpen: boolean): void {
  useNavigationStore.setState({ pasteOpen, ...(pasteOpen ? { page: 'imports' as const } : {}) });
}
