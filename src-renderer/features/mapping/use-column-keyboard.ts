import type { KeyboardEvent } from 'react';

/**
 * Keyboard navigation between columns: Ctrl+→ / Ctrl+← (or Alt) moves focus to the same control
 * of the next or previous column's header, so a mapping can be reviewed without the mouse.
 */
export function onHeaderKeyDown(event: KeyboardEvent<HTMLElement>): void {
  if (!(event.ctrlKey || event.altKey) || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
  const control = event.target as HTMLElement;
  const header = control.closest<HTMLElement>('[data-column-index]');
  const name = control.dataset.control;
  if (!header || !name) return;
  const index = Number(header.dataset.columnIndex) + (event.key === 'ArrowRight' ? 1 : -1);
  const grid = header.closest('[role="grid"]');
  const next = grid?.querySelector<HTMLElement>(`[data-column-index="${index}"] [data-control="${name}"]`);
  if (!next) return;
  event.preventDefault();
  next.focus();
  next.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
