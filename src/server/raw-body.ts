import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { BodyTooLargeError, HttpError, RequestAbortedError, UnsupportedEncodingError } from './http-errors.js';

/**
 * After a refusal the connection is closed, but not at once: closing a socket with unread bytes
 * makes the kernel send a reset, and a reset can reach the client before it has read the 413, so
 * it sees only "connection reset". For a short while the rest of the upload is discarded unread
 * (never kept), as nginx's lingering close does, then the connection is cut whatever happens.
 */
const LINGER_MS = 1000;
const LINGER_MAX_BYTES = 4 * 1024 * 1024;

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
      // No `Connection: close` header: with it Node destroys the socket as soon as the answer is
      // written, which is exactly the reset described above. The connection is ended here instead.
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

/** Once the refusal is written: end our side, discard what still arrives for LINGER_MS or LINGER_MAX_BYTES at most, then cut the connection. */
function lingerThenClose(req: IncomingMessage): void {
  const socket = req.socket;
  if (socket.destroyed) return;
  socket.end();
  let discarded = 0;
  const close = (): void => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  socket.on('close', () => clearTimeout(timer));
  // The request stream may hold the socket's data: drain both, keeping nothing.
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_MAX_BYTES) close();
  });
  req.resume();
  socket.resume();
}
