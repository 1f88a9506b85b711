import type { ErrorRequestHandler } from 'express';

/** An error that answers the webhook caller with a status and a short reason. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class SignatureMissingError extends HttpError {
  constructor() {
    super(401, 'x-line-signature header is missing');
  }
}
export class SignatureMismatchError extends HttpError {
  constructor() {
    super(401, 'signature does not match the body');
  }
}
export class InvalidJsonError extends HttpError {
  constructor() {
    super(400, 'body is not valid JSON');
  }
}
export class InvalidWebhookBodyError extends HttpError {
  constructor() {
    super(400, 'body is not a webhook request (no events array)');
  }
}
export class BodyTooLargeError extends HttpError {
  constructor(limit: number) {
    super(413, `body is larger than ${limit} bytes`);
  }
}

export class UnsupportedEncodingError extends HttpError {
  constructor(encoding: string) {
    super(415, `content-encoding "${encoding.slice(0, 40)}" is not accepted; send the body uncompressed`);
  }
}
export class RequestAbortedError extends HttpError {
  constructor() {
    super(400, 'the request body was cut off');
  }
}

/** The events could not be stored, so they are not acknowledged: LINE redelivers them. */
export class StoreUnavailableError extends HttpError {
  constructor(readonly reason: string) {
    super(503, 'the events could not be stored; LINE will redeliver them');
  }
}

/** The one place errors become statuses: typed errors keep theirs, body-parser's are mapped, the rest are 500. */
export function errorHandler(onUnexpected: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const status = statusOf(error);
    if (status >= 500) onUnexpected(error);
    if (res.headersSent) return;
    res.status(status).json({ error: status >= 500 ? 'internal error' : (error as Error).message });
  };
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  // body-parser (under express.raw) signals its own failures with a `type` and a status.
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') return 413;
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'encoding.unsupported') return 400;
  // Other client faults body-parser reports (a body labelled gzip that is not) carry an exposed
  // 4xx in http-errors' way; they are the caller's mistake, not an internal error worth an alert.
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500) return status;
  return 500;
}
