import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** What a proxy does once one connection has carried `afterBytes` from the server to the client. */
export type ProxyTrigger =
  /** The server "dies": every connection is dropped and the port closes (nothing listens on it). */
  | { afterBytes: number; action: 'cut' }
  /** The flow from the server stops until `resume()` (a stalled transfer, or a window to act in). */
  | { afterBytes: number; action: 'pause' };

/**
 * A TCP proxy on 127.0.0.1 in front of a test server, for failures the real servers cannot be
 * told to have: a connection that breaks half way through a download, or a transfer that stalls.
 * Bytes are counted per connection, server to client; the first connection to pass the mark
 * triggers the action, once.
 */
export class TcpProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  private paused: Socket[] = [];
  private triggerFired = false;
  private fired: () => void = () => undefined;
  /** Resolves when the trigger has fired. */
  readonly triggered = new Promise<void>((resolve) => {
    this.fired = resolve;
  });

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number, trigger?: ProxyTrigger): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(server, (server.address() as { port: number }).port);
    server.on('connection', (client) => proxy.forward(client, targetPort, trigger));
    return proxy;
  }

  private forward(client: Socket, targetPort: number, trigger: ProxyTrigger | undefined): void {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    let carried = 0;
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      carried += chunk.length;
      if (trigger && !this.triggerFired && carried >= trigger.afterBytes) {
        this.triggerFired = true;
        if (trigger.action === 'cut') {
          // Part of this chunk goes through, as when a server dies mid-write.
          client.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => {
            this.close();
            this.fired();
          });
          return;
        }
        upstream.pause();
        this.paused.push(upstream);
        client.write(chunk);
        this.fired();
        return;
      }
      if (!client.write(chunk)) {
        upstream.pause();
        client.once('drain', () => {
          if (!this.paused.includes(upstream)) upstream.resume();
        });
      }
    });
  }

  /** Lets paused flows go on. */
  resume(): void {
    const paused = this.paused;
    this.paused = [];
    for (const socket of paused) socket.resume();
  }

  /** Drops every connection and stops listening. */
  close(): void {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
    this.server.close();
  }
}

/** A server that accepts TCP connections and never says a word (a hung service). */
export async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (connections are refused). */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
