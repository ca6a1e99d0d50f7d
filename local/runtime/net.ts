// Small helpers around node:http servers: listening with a preferred port and closing politely.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on 127.0.0.1 (or `host`), trying `preferredPort` first and falling back to a random port
 * when it is taken. Returns the port actually bound.
 */
export async function listen(
  server: Server,
  port: number,
  host = '127.0.0.1',
  fallback = true,
): Promise<number> {
  try {
    return await listenOnce(server, port, host);
  } catch (error) {
    if (!fallback || port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return listenOnce(server, 0, host);
  }
}

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting connections, drops idle keep-alive ones and waits for in-flight requests. */
export function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
