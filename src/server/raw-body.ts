import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { BodyTooLargeError, HttpError, RequestAbortedError, UnsupportedEncodingError } from './http-errors.js';

/** How long a refused upload may keep its connection while the 413 goes out before it is cut. */
const REFUSED_CONNECTION_GRACE_MS = 1000;

/**
 * Reads the request body into `req.body` as a Buffer of at most `limit` bytes, counting as the
 * bytes arrive, whether the length is declared or the body is chunked. Past the limit it stops
 * reading at once, answers 413 with `Connection: close` and cuts the connection; body-parser would
 * instead read an undeclared body to its end before answering, however long that is. Bodies
 * are taken as sent: a compressed body (LINE never sends one) is refused, never inflated.
 */
export function readRawBody(limit: number): RequestHandler {
  return (req, res, next) => {
    const refuse = (error: HttpError): void => {
      stopReading(req);
      res.setHeader('Connection', 'close');
      // Node closes a `Connection: close` socket once the answer is written; the timer covers a
      // client that stopped reading its answer too.
      res.once('finish', () => setTimeout(() => req.socket.destroy(), REFUSED_CONNECTION_GRACE_MS).unref());
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
