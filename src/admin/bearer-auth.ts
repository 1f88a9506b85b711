import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Compares a presented token with the configured one in constant time. Both are hashed first so
 * the buffers have equal length and the time taken says nothing about the token's length either.
 */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerTokenOf(header: string | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** A token and the label the change log records for whoever presents it. */
export interface LabelledToken {
  label: string;
  token: string;
}

/** The label of the token a request was let in with (set by requireBearerToken). */
export function adminLabelOf(res: { locals: Record<string, unknown> }): string {
  return typeof res.locals.adminLabel === 'string' ? res.locals.adminLabel : 'admin';
}

/** Lets a request through only with `Authorization: Bearer <token>` of one of the tokens; 401 otherwise. */
export function requireBearerToken(tokens: string | readonly LabelledToken[]): RequestHandler {
  const known: readonly LabelledToken[] = typeof tokens === 'string' ? [{ label: 'ADMIN_TOKEN', token: tokens }] : tokens;
  return (req, res, next) => {
    const presented = bearerTokenOf(req.get('authorization'));
    // Every token is compared, so the time taken does not tell which one matched.
    const matched = presented === null ? [] : known.filter((entry) => tokenMatches(presented, entry.token));
    if (matched[0]) {
      res.locals.adminLabel = matched[0].label;
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="dx-navi-admin"').status(401).json({ error: 'トークンが違います。' });
  };
}
