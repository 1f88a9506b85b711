/**
 * The browser tests' Chromium: Debian's (never a test tool's download), headless, and pages that
 * may load nothing but the local server under test, with every page error and console error kept
 * for the test to check.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const CHROMIUM_SKIP_REASON = `browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`;

const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts headless Chromium with the flags every browser test uses, plus `extraArgs`. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, ...extraArgs] });
}

/** A 1280×900 Japanese-locale context whose pages may load only URLs `local` matches; anything else is aborted and recorded in `problems`. */
export async function localOnlyContext(browser: Browser, local: RegExp, problems: string[], options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', ...options });
  // The page must load nothing but itself (no CDN): any other request fails the test.
  await context.route((url) => !local.test(url.href), (route) => {
    problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  return context;
}

/** Records the page's uncaught errors and console errors in `problems`, except console errors `expected` matches. */
export function recordPageErrors(page: Page, problems: string[], expected?: RegExp): void {
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected?.test(message.text())) problems.push(message.text());
  });
}
