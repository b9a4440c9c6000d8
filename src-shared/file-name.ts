/** A name usable as a file name on every OS: runs of anything but letters, digits, `.`, `_`, `-` become `_`. */
export function safeFileName(name: string, fallback = 'import'): string {
  return name.trim().replace(/[^\p{L}\p{N}._-]+/gu, '_') || fallback;
}
