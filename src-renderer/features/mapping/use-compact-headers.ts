import { useState } from 'react';

/** The session's choice, kept across drafts and reloads until the app is closed. */
const KEY = 'intake.mapping.compactHeaders';

/**
 * Whether the mapping grid's column headers are collapsed to one line each (more rows in view at
 * 1400×900, issue 16's stumble 5); remembered for the session, for every import's mapping.
 */
export function useCompactHeaders(): [boolean, (compact: boolean) => void] {
  const [compact, setCompact] = useState(read);
  return [
    compact,
    (next) => {
      setCompact(next);
      try {
        sessionStorage.setItem(KEY, next ? '1' : '0');
      } catch {
        // Storage refused (a locked-down profile): the choice lasts while the grid is open.
      }
    },
  ];
}

function read(): boolean {
  try {
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}
