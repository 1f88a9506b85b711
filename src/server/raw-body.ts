import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import { BodyTooLargeError, HttpError, RequestAbortedError, UnsupportedEncodingError } from './http-errors.js';

/**
 * After a refusal the connection is closed, but not at once: closing a socket with unread bytes
 * makes the kernel send a reset, and a reset can reach the client before it has read the 413, so
 * it would see only "connection reset". As nginx's lingering close does, what still arrives is
 * discarded unread (never kept) for at most LINGER_MS and LINGER_MAX_BYTES, so that a client
 * that finishes its upload within them reads the answer, then the connection is cut.
 */
const LINGER_MS = 2000;
/** The most a refused upload may still push, discarded, before its connection is cut. */
export const LINGER_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Reads the request body into `req.body` as a Buffer of at most `limit` bytes, counting as the
 * bytes arrive, whether the length is declared or the body is chunked. Past the limit it stops
 * reading at once, answers 413 and closes the connection; body-parser would
 * instead read an undeclared body to its end before answering, however long that is. Bodies
 * are taken as sent: a compressed body (LINE never sends one) is refused, never inflated.
 */
export function readRawBody(limit: number): RequestHandler {
  return (req, res, next) => {
    const refuse = (error: HttpError): void => {
      stopReading(req);
      res.setHeader('Connection', 'close');
      // With `Connection: close` (ours, or the client's) Node destroys the socket as soon as the
      // answer is written: exactly the reset described above. lingerThenClose closes it instead.
      (req.socket as Socket & { destroySoon?: () => void }).destroySoon = () => {};
      res.once('finish', () => lingerThenClose(req));
      next(error);
    };
    const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') {
      refuse(new UnsupportedEncodingError(encoding));
      return;
    }
    const declared = Number(req.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) {
      refuse(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error?: HttpError): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) {
        refuse(error);
        return;
      }
      req.body = Buffer.concat(chunks, received);
      next();
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) settle(new BodyTooLargeError(limit));
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle();
    const onError = (): void => settle(new RequestAbortedError());
    const onClose = (): void => {
      if (!req.complete) settle(new RequestAbortedError());
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  };
}

/** Reads nothing more from this request: the socket stops being read, so TCP pushes back on the sender. */
function stopReading(req: IncomingMessage): void {
  req.pause();
  req.socket.pause();
}

/**
 * Once the refusal is written: discard what still arrives; when the client has sent all it meant
 * to, end the connection; past LINGER_MS or LINGER_MAX_BYTES, cut it.
 */
function lingerThenClose(req: IncomingMessage): void {
  const socket = req.socket;
  if (socket.destroyed) return;
  let discarded = 0;
  const cut = (): void => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_MAX_BYTES) cut();
  });
  // The whole request has arrived: nothing unread is left to turn the close into a reset.
  req.once('end', () => socket.end());
  req.resume();
  socket.resume();
}
