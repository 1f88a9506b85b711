import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { projectRoot } from '../project-root.js';

/** Where the page's HTML, CSS and JS modules live; served as they are, with no build step. */
export const PUBLIC_DIR = path.join(projectRoot(), 'src', 'simulator', 'public');

// The page loads nothing from elsewhere; the policy makes that a guarantee rather than a habit.
// Styles set from JS through element.style (the Flex renderer) are CSSOM, which style-src allows.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the simulator page's static files (mount at /simulator). */
export function simulatorPage(): RequestHandler {
  return express.static(PUBLIC_DIR, {
    index: 'index.html',
    setHeaders: (res) => {
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('x-content-type-options', 'nosniff');
      // Staff may edit the page while the simulator runs; a reload should show the edit.
      res.setHeader('cache-control', 'no-cache');
    },
  });
}
