import { create } from 'zustand';

/** The pages of the sidebar. */
export type Page = 'imports' | 'connections' | 'workspace';

interface NavigationState {
  page: Page;
  aboutOpen: boolean;
}

/** Which page is shown and which dialogs are open. */
export const useNavigationStore = create<NavigationState>(() => ({ page: 'imports', aboutOpen: false }));

/** Shows a page of the sidebar. */
export function showPage(page: Page): void {
  useNavigationStore.setState({ page });
}

/** Opens or closes the About dialog. */
export function setAboutOpen(aboutOpen: boolean): void {
  useNavigationStore.setState({ aboutOpen });
}
