import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';

/** Wrong tokens a client address may present per window before every /admin/api request from it gets 429. */
export const AUTH_FAILURES_PER_WINDOW = 10;
/** The window: a token of 24+ characters cannot be guessed at 10 tries per 15 minutes. */
export const AUTH_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts failed /admin/api sign-ins (401) per client address (IPv6 per /56, express-rate-limit's
 * default) and, past the limit, answers 429 to that address until the window ends, even with the
 * right token, so that guessing stops paying. Authenticated requests are not counted. The client
 * address is `req.ip`: behind a proxy set TRUST_PROXY, or every client shares the proxy's address.
 */
export function authFailureLimit(options: { limit?: number; windowMs?: number } = {}): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs ?? AUTH_FAILURE_WINDOW_MS,
    limit: options.limit ?? AUTH_FAILURES_PER_WINDOW,
    // Only a refused token counts: a staff member's 400 (a rejected edit) is not a guess.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res, _next, used) => {
      res.status(used.statusCode).json({ error: 'トークンの誤りが続いたため、しばらく受け付けません。時間をおいてから試してください。' });
    },
  });
}
