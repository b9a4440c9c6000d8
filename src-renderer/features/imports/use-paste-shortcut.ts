import { useEffect } from 'react';
import { addPastedText } from '../../stores/drafts.store';

/**
 * Ctrl+V (or ⌘V) on the Imports page starts an import from the clipboard's text, unless the
 * user is typing into a field, where paste keeps its usual meaning.
 */
export function usePasteShortcut(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onPaste = (event: ClipboardEvent) => {
      const target = event.target;
      if (target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"]'))
        return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text.trim() === '') return;
      event.preventDefault();
      void addPastedText(text);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [enabled]);
}
