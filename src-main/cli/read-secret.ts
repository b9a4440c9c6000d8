import { CliError } from './cli-error';

/** Longest secret read (a service-account JSON key is a few kB; the schema allows 64 kB). */
const MAX_SECRET_BYTES = 65_536;

/**
 * Reads a secret from standard input: piped, all of it less one trailing line end (`echo pw |`,
 * a key file's JSON); at a terminal, one line typed without echo after a prompt on stderr.
 */
export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  const secret = stdin.isTTY ? await readHidden(prompt) : await readPiped();
  if (secret === '') throw new CliError('--secret-stdin: standard input held no secret.');
  return secret;
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length > MAX_SECRET_BYTES) throw new CliError(`--secret-stdin: more than ${MAX_SECRET_BYTES} bytes.`);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(null);
        if (char === '\u0003') return done(new CliError('Cancelled.', 130));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
