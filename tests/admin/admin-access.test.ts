import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_FAILURES_PER_WINDOW } from '../../src/admin/auth-failure-limit.js';
import { bearerTokenOf, tokenMatches } from '../../src/admin/bearer-auth.js';
import { ADMIN_TOKEN, startAdminHarness, type AdminHarness } from './admin-harness.js';

describe('admin with no ADMIN_TOKEN', () => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminHarness({ adminToken: null });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 404 for the page, its files and the API, with or without a token', async () => {
    for (const url of ['/admin', '/admin/', '/admin/admin.js', '/admin/api/report', '/admin/api/reload']) {
      await request(h.bot.app).get(url).expect(404);
      await request(h.bot.app).get(url).set('authorization', `Bearer ${ADMIN_TOKEN}`).expect(404);
    }
    await request(h.bot.app).post('/admin/api/reload').set('authorization', 'Bearer anything').expect(404);
  });

  it('still serves the webhook', async () => {
    await request(h.bot.app).get('/healthz').expect(200);
  });
});

describe('admin with ADMIN_TOKEN', () => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves the login page and its files without a token, locked down by headers', async () => {
    const page = await request(h.bot.app).get('/admin').expect(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toContain('管理トークン');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    await request(h.bot.app).get('/admin/').expect(200);
    const script = await request(h.bot.app).get('/admin/admin.js').expect(200);
    expect(script.type).toBe('text/javascript');
    expect(script.text).toContain('sessionStorage');
    await request(h.bot.app).get('/admin/admin.css').expect(200);
  });

  it('refuses the API without the right Bearer token', async () => {
    const missing = await request(h.bot.app).get('/admin/api/report').expect(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    await request(h.bot.app).get('/admin/api/report').set('authorization', 'Bearer wrong-token').expect(401);
    await request(h.bot.app).get('/admin/api/report').set('authorization', `Bearer ${ADMIN_TOKEN}x`).expect(401);
    await request(h.bot.app).get('/admin/api/report').set('authorization', `Basic ${ADMIN_TOKEN}`).expect(401);
    await request(h.bot.app).get('/admin/api/report').set('authorization', ADMIN_TOKEN).expect(401);
    await request(h.bot.app).post('/admin/api/reload').expect(401);
    await request(h.bot.app).post('/admin/api/glossary/rpa/aliases').send({ alias: 'x' }).expect(401);
  });

  it('answers the API with the right token', async () => {
    await h.api('get', 'report').expect(200);
    await request(h.bot.app).get('/admin/api/report').set('authorization', `bearer   ${ADMIN_TOKEN}`).expect(200);
  });

  it('answers 404 for an unknown API path and 400 for malformed JSON, both as JSON', async () => {
    const unknown = await h.api('get', 'nothing-here').expect(404);
    expect(unknown.body).toEqual({ error: 'not found' });
    const malformed = await h.api('post', 'synonyms').set('content-type', 'application/json').send('{"id": ').expect(400);
    expect(malformed.body.error).toBeTruthy();
  });
});

describe('token comparison', () => {
  it('matches only the exact token, whatever the lengths', () => {
    expect(tokenMatches(ADMIN_TOKEN, ADMIN_TOKEN)).toBe(true);
    expect(tokenMatches('', ADMIN_TOKEN)).toBe(false);
    expect(tokenMatches(`${ADMIN_TOKEN} `, ADMIN_TOKEN)).toBe(false);
    expect(tokenMatches('short', ADMIN_TOKEN)).toBe(false);
  });

  it('reads the token of a Bearer header only', () => {
    expect(bearerTokenOf('Bearer abc')).toBe('abc');
    expect(bearerTokenOf('bearer abc')).toBe('abc');
    expect(bearerTokenOf('Basic abc')).toBeNull();
    expect(bearerTokenOf('Bearer a b')).toBeNull();
    expect(bearerTokenOf(undefined)).toBeNull();
  });
});

describe('failed sign-ins', () => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminHarness();
    // Two clients behind one proxy on loopback, told apart by X-Forwarded-For, as with TRUST_PROXY.
    h.bot.app.set('trust proxy', 'loopback');
  });
  afterAll(async () => {
    await h.close();
  });

  const from = (address: string, token: string) => request(h.bot.app).get('/admin/api/report').set('x-forwarded-for', address).set('authorization', `Bearer ${token}`);

  it(`are limited to ${AUTH_FAILURES_PER_WINDOW} per client address, after which even the right token gets 429`, async () => {
    // Authenticated requests do not count against the limit.
    for (let i = 0; i < AUTH_FAILURES_PER_WINDOW + 5; i++) await from('203.0.113.7', ADMIN_TOKEN).expect(200);
    for (let i = 0; i < AUTH_FAILURES_PER_WINDOW; i++) await from('203.0.113.7', `wrong-${i}`).expect(401);
    const limited = await from('203.0.113.7', 'wrong-again').expect(429);
    expect(limited.body.error).toContain('時間をおいて');
    expect(limited.headers['ratelimit-policy']).toBeDefined();
    await from('203.0.113.7', ADMIN_TOKEN).expect(429);
    // Another address is not affected.
    await from('203.0.113.8', ADMIN_TOKEN).expect(200);
    await from('203.0.113.8', 'wrong').expect(401);
  });

  it('do not count requests a signed-in member of staff gets a 4xx for', async () => {
    for (let i = 0; i < AUTH_FAILURES_PER_WINDOW + 2; i++) {
      await request(h.bot.app).post('/admin/api/synonyms').set('x-forwarded-for', '203.0.113.9').set('authorization', `Bearer ${ADMIN_TOKEN}`).set('content-type', 'application/json').send('{"id": ').expect(400);
    }
    await from('203.0.113.9', ADMIN_TOKEN).expect(200);
  });
});
