import { open } from 'node:fs/promises';

/** The first `maxBytes` of a file, and whether that is the whole file. */
export async function readHead(
  path: string,
  maxBytes: number,
): Promise<{ bytes: Buffer; isComplete: boolean; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const bytes = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(bytes, read, length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { bytes: bytes.subarray(0, read), isComplete: read >= size, size };
  } finally {
    await handle.close();
  }
}
