import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REAL_LINE_API_BASE_URL } from '../src/config.js';

const secrets = { LINE_CHANNEL_SECRET: 'secret', LINE_CHANNEL_ACCESS_TOKEN: 'token' };

describe('loadConfig', () => {
  it('reads the documented variables with their defaults', () => {
    const config = loadConfig({ ...secrets });
    expect(config.lineApiBaseUrl).toBe(REAL_LINE_API_BASE_URL);
    expect(config.port).toBe(3000);
    expect(config.defaultMunicipality).toBeNull();
    expect(config.logRetentionDays).toBe(90);
    expect(config.adminToken).toBeNull();
  });

  it('takes a local stand-in as the LINE API base URL', () => {
    expect(loadConfig({ ...secrets, LINE_API_BASE_URL: 'http://127.0.0.1:9999/' }).lineApiBaseUrl).toBe('http://127.0.0.1:9999');
  });

  it.each(['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN'])('names a missing %s', (variable) => {
    const env: Record<string, string> = { ...secrets };
    delete env[variable];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it.each([
    ['PORT', 'eighty'],
    ['DEFAULT_MUNICIPALITY', '東京都'],
    ['LINE_API_BASE_URL', 'ftp://example'],
    ['LOG_RETENTION_DAYS', '-1'],
    ['ADMIN_TOKENS', 'tanaka-without-token'],
    ['ADMIN_TOKENS', 'tanaka:short'],
  ])('rejects a bad %s', (variable, value) => {
    expect(() => loadConfig({ ...secrets, [variable]: value })).toThrow(variable);
  });
});

describe('ADMIN_TOKENS', () => {
  it('reads labelled tokens, one per member of staff', () => {
    const config = loadConfig({ ...secrets, ADMIN_TOKENS: 'tanaka:0123456789abcdef0123, suzuki:fedcba9876543210:with-colon' });
    expect(config.adminTokens).toEqual([
      { label: 'tanaka', token: '0123456789abcdef0123' },
      { label: 'suzuki', token: 'fedcba9876543210:with-colon' },
    ]);
    expect(loadConfig({ ...secrets, ADMIN_TOKENS: '' }).adminTokens).toEqual([]);
  });
});

describe('production server start', () => {
  it('refuses to start without the channel secret, naming it', () => {
    const root = fileURLToPath(new URL('../', import.meta.url));
    const env = { PATH: process.env.PATH ?? '', LINE_CHANNEL_ACCESS_TOKEN: 'token' };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('LINE_CHANNEL_SECRET');
  });
});
