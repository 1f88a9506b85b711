import type { RequestHandler } from 'express';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Answers only requests whose Host header names this machine by a loopback name and the port the
 * request came in on. A page on another site can make a browser send requests to
 * 127.0.0.1 under its own host name (DNS rebinding); such a request carries that other name in
 * Host, so it is refused before it reaches the simulator's channel secret or its webhook.
 * `extraHosts` adds names the simulator was explicitly told to listen on.
 */
export function loopbackHostOnly(extraHosts: readonly string[] = []): RequestHandler {
  const names = new Set([...LOOPBACK_NAMES, ...extraHosts.map((host) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host).toLowerCase())]);
  return (req, res, next) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const port = req.socket.localPort;
    const allowed = [...names].some((name) => host === `${name}:${port}` || (port === 80 && host === name));
    if (allowed) {
      next();
      return;
    }
    res.status(421).type('text/plain; charset=utf-8').send('The simulator answers only http://localhost:<port>/ (Host header not accepted).\n');
  };
}
