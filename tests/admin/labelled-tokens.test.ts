import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { adminLabelOf, requireBearerToken } from '../../src/admin/bearer-auth.js';

// The label of the token a request came in with is what the change log records as "who".
function app(tokens: Parameters<typeof requireBearerToken>[0]) {
  const server = express();
  server.get('/who', requireBearerToken(tokens), (_req, res) => {
    res.json({ by: adminLabelOf(res) });
  });
  return server;
}

describe('labelled admin tokens', () => {
  const tokens = [
    { label: 'tanaka', token: 'tanaka-token-0123456789' },
    { label: 'suzuki', token: 'suzuki-token-0123456789' },
  ];

  it('lets each member of staff in with their own token and names them', async () => {
    expect((await request(app(tokens)).get('/who').set('authorization', 'Bearer suzuki-token-0123456789').expect(200)).body).toEqual({ by: 'suzuki' });
    expect((await request(app(tokens)).get('/who').set('authorization', 'Bearer tanaka-token-0123456789').expect(200)).body).toEqual({ by: 'tanaka' });
  });

  it('refuses any other token', async () => {
    await request(app(tokens)).get('/who').set('authorization', 'Bearer tanaka-token-01234567890').expect(401);
    await request(app(tokens)).get('/who').expect(401);
  });

  it('names the single ADMIN_TOKEN after its variable', async () => {
    expect((await request(app('only-token-0123456789')).get('/who').set('authorization', 'Bearer only-token-0123456789').expect(200)).body).toEqual({ by: 'ADMIN_TOKEN' });
  });
});
