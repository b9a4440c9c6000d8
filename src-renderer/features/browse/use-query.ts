import { useEffect, useEffectEvent, useState } from 'react';
import { useBrowseStore } from '../../stores/browse.store';
import { errorMessage } from '../../api/client';

interface Settled<T> {
  tag: string;
  data: T | undefined;
  error: string | null;
}

/** What a browser query shows: the newest data (possibly of an older key while the next loads). */
export interface QueryState<T> {
  data: T | undefined;
  /** The newest request's failure, as text to show inline. */
  error: string | null;
  loading: boolean;
}

/**
 * Fetches once per `key` (and per Refresh of the browser). Errors from `call` become state, never
 * throws. The previous data stays while the next key loads, so a search does not flash empty;
 * panels that show another entity's data remount (React `key`) instead.
 */
export function useQuery<T>(key: string, fetch: () => Promise<T>): QueryState<T> {
  const revision = useBrowseStore((state) => state.revision);
  const tag = `${revision}\u0000${key}`;
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  // The fetch closure is new every render; only the tag decides when to ask again.
  const load = useEffectEvent(fetch);
  useEffect(() => {
    let live = true;
    load()
      .then((data) => live && setSettled({ tag, data, error: null }))
      .catch((reason: unknown) => {
        const error = errorMessage(reason);
        if (live) setSettled((previous) => ({ tag, data: previous?.data, error }));
      });
    return () => {
      live = false;
    };
  }, [tag]);
  const current = settled?.tag === tag;
  return { data: settled?.data, error: current ? settled.error : null, loading: !current };
}
