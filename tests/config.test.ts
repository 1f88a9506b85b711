import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, MIN_ADMIN_TOKEN_LENGTH, REAL_LINE_API_BASE_URL } from '../src/config.js';
import { PROJECT_ROOT, runProgram, TSX_LOADER } from './support/run-program.js';

const secrets = { LINE_CHANNEL_SECRET: 'secret', LINE_CHANNEL_ACCESS_TOKEN: 'token' };
const root = PROJECT_ROOT;
const TSX = TSX_LOADER;

/** The variables .env.example sets, with the values it gives them (empty for most). */
function envExample(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path.join(root, '.env.example'), 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

describe('loadConfig', () => {
  it('reads the documented variables with their defaults', () => {
    const config = loadConfig({ ...secrets });
    expect(config.lineApiBaseUrl).toBe(REAL_LINE_API_BASE_URL);
    expect(config.port).toBe(3000);
    expect(config.defaultMunicipality).toBeNull();
    expect(config.logRetentionDays).toBe(90);
    expect(config.adminToken).toBeNull();
    expect(config.maxConnections).toBe(256);
    expect(config.trustProxy).toBe(false);
    expect(config.knowledgeWatch).toBe(false);
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
    ['MAX_CONNECTIONS', '0'],
    ['KNOWLEDGE_WATCH', 'yes'],
    ['TRUST_PROXY', 'everyone'],
  ])('rejects a bad %s', (variable, value) => {
    expect(() => loadConfig({ ...secrets, [variable]: value })).toThrow(variable);
  });

  it('names every missing and invalid variable in one error', () => {
    const env = { PORT: 'eighty', LOG_RETENTION_DAYS: '0', ADMIN_TOKEN: 'short', DEFAULT_MUNICIPALITY: '東京都' };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.variable)).toEqual([
      'LINE_CHANNEL_SECRET',
      'LINE_CHANNEL_ACCESS_TOKEN',
      'DEFAULT_MUNICIPALITY',
      'ADMIN_TOKEN',
      'PORT',
      'LOG_RETENTION_DAYS',
    ]);
  });

  it(`refuses an ADMIN_TOKEN shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters without echoing it`, () => {
    const short = 'a'.repeat(MIN_ADMIN_TOKEN_LENGTH - 1);
    expect(() => loadConfig({ ...secrets, ADMIN_TOKEN: short })).toThrow(/ADMIN_TOKEN: must be at least 24 characters/);
    expect(() => loadConfig({ ...secrets, ADMIN_TOKEN: short })).not.toThrow(short);
    expect(loadConfig({ ...secrets, ADMIN_TOKEN: 'a'.repeat(MIN_ADMIN_TOKEN_LENGTH) }).adminToken).toHaveLength(MIN_ADMIN_TOKEN_LENGTH);
  });

  it('reads every optional variable set to the empty string (as .env.example leaves them) as its default', () => {
    const example = envExample();
    const blank = Object.fromEntries(Object.keys(example).map((name) => [name, '']));
    const fromBlank = loadConfig({ ...blank, ...secrets });
    const fromUnset = loadConfig({ ...secrets });
    expect(fromBlank).toEqual(fromUnset);
    expect(fromBlank.knowledgeDir).toBeNull();
    // And the file as shipped, with only the secrets filled in, is a valid configuration.
    expect(() => loadConfig({ ...example, ...secrets })).not.toThrow();
  });

  it('reads TRUST_PROXY as a number of hops or a list of proxy addresses', () => {
    expect(loadConfig({ ...secrets, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...secrets, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  });
});

describe('ADMIN_TOKENS', () => {
  it('reads labelled tokens, one per member of staff, each as long as ADMIN_TOKEN must be', () => {
    const config = loadConfig({ ...secrets, ADMIN_TOKENS: 'tanaka:0123456789abcdef01234567, suzuki:fedcba9876543210:with-colon' });
    expect(config.adminTokens).toEqual([
      { label: 'tanaka', token: '0123456789abcdef01234567' },
      { label: 'suzuki', token: 'fedcba9876543210:with-colon' },
    ]);
    expect(loadConfig({ ...secrets, ADMIN_TOKENS: '' }).adminTokens).toEqual([]);
    expect(() => loadConfig({ ...secrets, ADMIN_TOKENS: 'tanaka:0123456789abcdef0123' })).toThrow('ADMIN_TOKENS');
  });
});

// Two server processes, started at once.
describe.concurrent('production server start', { timeout: 60_000 }, () => {
  it('refuses to start naming every problem at once, before loading anything', async () => {
    const env = { PATH: process.env.PATH ?? '', LINE_CHANNEL_ACCESS_TOKEN: 'token', PORT: 'eighty', ADMIN_TOKEN: 'short' };
    const run = await runProgram('src/server/main.ts', [], { env });
    expect(run.status).toBe(1);
    for (const variable of ['LINE_CHANNEL_SECRET', 'PORT', 'ADMIN_TOKEN']) expect(run.stderr).toContain(`${variable}: `);
    expect(run.stderr).not.toContain('    at ');
  });

  it('starts from .env.example with only the two secrets filled in (set -a; . ./.env), and answers /healthz', async () => {
    // A directory of its own, as a fresh checkout's: DATA_DIR=./data lands in it.
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'dx-env-example-'));
    try {
      const example = readFileSync(path.join(root, '.env.example'), 'utf8');
      const filled = example.replace(/^LINE_CHANNEL_SECRET=$/m, 'LINE_CHANNEL_SECRET=example-secret').replace(/^LINE_CHANNEL_ACCESS_TOKEN=$/m, 'LINE_CHANNEL_ACCESS_TOKEN=example-token');
      expect(filled).not.toBe(example);
      writeFileSync(path.join(cwd, '.env'), filled);
      // Only PORT is overridden, after the file: the machine is shared and 3000 may be taken.
      const script = `set -a; . ./.env; set +a; PORT=0; exec "${process.execPath}" --import "${TSX}" "${path.join(root, 'src/server/main.ts')}"`;
      const child = spawn('bash', ['-c', script], { cwd, env: { PATH: process.env.PATH ?? '', HOME: os.homedir() }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      try {
        const ready = await Promise.race([
          new Promise<{ port: number }>((resolve) => {
            const check = () => {
              const line = stdout.split('\n').find((text) => text.includes('"message":"ready"'));
              if (line) resolve(JSON.parse(line) as { port: number });
            };
            child.stdout.on('data', check);
          }),
          exited.then((code) => Promise.reject(new Error(`server exited (${code}): ${stderr}${stdout}`))),
        ]);
        const response = await fetch(`http://127.0.0.1:${ready.port}/healthz`);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ status: 'ok' });
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
      expect(stderr).not.toContain('ENOENT');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('loadConfig: the PostgreSQL store', () => {
  const secrets = { LINE_CHANNEL_SECRET: 'secret', LINE_CHANNEL_ACCESS_TOKEN: 'token' };

  it('keeps lowdb when DATABASE_URL is unset or blank, and takes a postgres URL', () => {
    expect(loadConfig({ ...secrets, DATABASE_URL: '' })).toMatchObject({ databaseUrl: null, databasePoolSize: 5 });
    expect(loadConfig({ ...secrets, DATABASE_URL: 'postgres://u:p@db:5432/dx', DATABASE_POOL_SIZE: '12' })).toMatchObject({ databaseUrl: 'postgres://u:p@db:5432/dx', databasePoolSize: 12 });
  });

  it('names a DATABASE_URL that is not a postgres URL without echoing it, along with other problems', () => {
    try {
      loadConfig({ ...secrets, DATABASE_URL: 'mysql://root:hunter2@db/dx', DATABASE_POOL_SIZE: '0' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((problem) => problem.variable)).toEqual(['DATABASE_URL', 'DATABASE_POOL_SIZE']);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('npm start with an unreachable database', () => {
  it('says so in one log line and exits 1, without a stack trace', async () => {
    const env = { ...process.env, LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't', LINE_API_BASE_URL: 'http://127.0.0.1:9', PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const run = await runProgram('src/server/main.ts', [], { env, timeoutMs: 60_000 });
    expect(run.status).toBe(1);
    const line = run.stderr.split('\n').find((text) => text.includes('"cannot start"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 'error', message: 'cannot start', store: 'postgres', error: expect.stringMatching(/ECONNREFUSED/) });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
