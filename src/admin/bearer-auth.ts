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

/** Lets a request through only with `Authorization: Bearer <token>`; 401 otherwise. */
export function requireBearerToken(token: string): RequestHandler {
  return (req, res, next) => {
    const presented = bearerTokenOf(req.get('authorization'));
    if (presented !== null && tokenMatches(presented, token)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="dx-navi-admin"').status(401).json({ error: 'トークンが違います。' });
  };
}
