import { once } from 'node:events';
import http, { type RequestListener, type Server } from 'node:http';

/** How long a connection may take over each part of a request, and how many may be open. */
export interface HttpLimits {
  /** From the connection's first byte to the end of the request headers. */
  headersTimeoutMs: number;
  /** From the first byte to the end of the request body: LINE sends a few KB at once. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept for the next request. */
  keepAliveTimeoutMs: number;
  /** How often the two request timeouts are checked (Node's default is 30 s, which would triple them). */
  timeoutCheckIntervalMs: number;
  /** Connections open at once; the next one is closed as soon as it is accepted. */
  maxConnections: number;
}

/**
 * The limits the server runs with (documented in README.md). LINE posts a small body at once, so
 * a request still incomplete after 10 s is a slow or hostile client, not LINE: Node answers it
 * 408 and closes the connection, where its defaults (300 s for the request, kept open by a
 * trickled body) let one client hold a connection for minutes.
 */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 1_000,
  maxConnections: 256,
};

/** Creates an HTTP server for `app` with the limits applied, listening on `port` (and `host`); resolves once it listens. */
export async function listenWithLimits(app: RequestListener, port: number, host: string | undefined, limits: HttpLimits = DEFAULT_HTTP_LIMITS): Promise<Server> {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  if (host === undefined) server.listen(port);
  else server.listen(port, host);
  await once(server, 'listening');
  return server;
}
