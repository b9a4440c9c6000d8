const STORAGE_KEY = 'intake.token';

/**
 * The web host's per-launch token: taken from the first URL (`?token=`), kept for this tab in
 * sessionStorage, and removed from the address bar so it is not bookmarked or shared.
 */
export function takeWebToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}
