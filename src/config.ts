/**
 * Configuration from environment variables (documented in .env.example). Reading is strict:
 * a production server with a missing or invalid setting refuses to start and names every
 * variable to fix at once. An optional variable set to the empty string (as `.env.example`
 * leaves them) means its default.
 */
import path from 'node:path';
import { MUNICIPALITIES, type Municipality } from './knowledge/schema.js';
import { projectRoot } from './project-root.js';

export const REAL_LINE_API_BASE_URL = 'https://api.line.me';

/** An admin token shorter than this is refused: it would be guessable within the rate limit's lifetime. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

/** Express's `trust proxy` setting: how many proxies sit in front, or which addresses are proxies. */
export type TrustProxy = false | number | string[];

export interface Config {
  channelSecret: string;
  channelAccessToken: string;
  lineApiBaseUrl: string;
  port: number;
  dataDir: string;
  defaultMunicipality: Municipality | null;
  /** Salt for hashing LINE user ids before anything is stored. */
  userHashSalt: string;
  logRetentionDays: number;
  adminToken: string | null;
  /** More admin tokens, each with the label the change log records (ADMIN_TOKENS=label:token,…). */
  adminTokens?: AdminTokenConfig[];
  knowledgeDir: string | null;
  /** Largest webhook body accepted, in bytes; larger gets 413 before any hashing. */
  maxBodyBytes: number;
  /** Open connections the server accepts at once; more are refused at once. */
  maxConnections: number;
  /** Which proxies' X-Forwarded-For to believe (per-client limits need the client's address). */
  trustProxy: TrustProxy;
  /** Reload the knowledge when its files change (KNOWLEDGE_WATCH=1). */
  knowledgeWatch: boolean;
  /** postgres://… selects the PostgreSQL store (shared by several processes); null keeps the lowdb files in dataDir. */
  databaseUrl: string | null;
  /** Connections each process keeps to PostgreSQL at most. */
  databasePoolSize: number;
}

/** One labelled admin token. */
export interface AdminTokenConfig {
  label: string;
  token: string;
}

/** One variable that is missing or invalid, and why. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Every configuration problem found, each naming its variable. */
export class ConfigError extends Error {
  /** The first variable named, for callers that handle one. */
  readonly variable: string;

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((problem) => `${problem.variable}: ${problem.message}`).join('\n'));
    this.name = 'ConfigError';
    this.variable = problems[0]?.variable ?? '';
  }
}

type Env = Record<string, string | undefined>;

/** The value of an optional variable, or undefined when it is unset or blank (= use the default). */
export function optionalEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Reads the configuration; throws one ConfigError naming every bad or missing variable. */
export function loadConfig(env: Env = process.env): Config {
  const problems: ConfigProblem[] = [];
  const problem = (variable: string, message: string): void => {
    problems.push({ variable, message });
  };
  const required = (name: string): string => {
    const value = optionalEnv(env, name);
    if (value === undefined) problem(name, 'is not set (see .env.example)');
    return value ?? '';
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = optionalEnv(env, name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problem(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const channelSecret = required('LINE_CHANNEL_SECRET');
  const channelAccessToken = required('LINE_CHANNEL_ACCESS_TOKEN');
  const lineApiBaseUrl = (optionalEnv(env, 'LINE_API_BASE_URL') ?? REAL_LINE_API_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(lineApiBaseUrl)) problem('LINE_API_BASE_URL', `must be an http(s) URL, got "${lineApiBaseUrl}"`);
  const defaultMunicipality = optionalEnv(env, 'DEFAULT_MUNICIPALITY') ?? null;
  if (defaultMunicipality !== null && !(MUNICIPALITIES as readonly string[]).includes(defaultMunicipality)) {
    problem('DEFAULT_MUNICIPALITY', `must be one of ${MUNICIPALITIES.join(', ')}, got "${defaultMunicipality}"`);
  }
  const adminToken = optionalEnv(env, 'ADMIN_TOKEN') ?? null;
  if (adminToken !== null && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    // The value itself is never echoed: it is a secret even when it is a bad one.
    problem('ADMIN_TOKEN', `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (got ${adminToken.length}); e.g. openssl rand -hex 24`);
  }
  const watch = optionalEnv(env, 'KNOWLEDGE_WATCH');
  if (watch !== undefined && watch !== '0' && watch !== '1') problem('KNOWLEDGE_WATCH', `must be 1 (on) or 0 (off), got "${watch}"`);
  const trustProxy = parseTrustProxy(optionalEnv(env, 'TRUST_PROXY'), problem);
  const databaseUrl = optionalEnv(env, 'DATABASE_URL') ?? null;
  // The URL holds a password: it is never echoed.
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) problem('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');

  const config: Config = {
    channelSecret,
    channelAccessToken,
    lineApiBaseUrl,
    port: integer('PORT', 3000, 0, 65535),
    dataDir: path.resolve(optionalEnv(env, 'DATA_DIR') ?? path.join(projectRoot(), 'data')),
    defaultMunicipality: defaultMunicipality as Municipality | null,
    // Without an explicit salt the channel secret serves: it is secret and stable per channel.
    userHashSalt: optionalEnv(env, 'USER_HASH_SALT') ?? channelSecret,
    logRetentionDays: integer('LOG_RETENTION_DAYS', 90, 1, 3650),
    adminToken,
    adminTokens: adminTokensOf(optionalEnv(env, 'ADMIN_TOKENS'), problem),
    knowledgeDir: optionalEnv(env, 'KNOWLEDGE_DIR') ?? null,
    maxBodyBytes: integer('MAX_BODY_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
    maxConnections: integer('MAX_CONNECTIONS', 256, 1, 100_000),
    trustProxy,
    knowledgeWatch: watch === '1',
    databaseUrl,
    databasePoolSize: integer('DATABASE_POOL_SIZE', 5, 1, 100),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** TRUST_PROXY: unset = no proxy; a number = that many proxies in front; else a comma list of addresses/subnets (or loopback, linklocal, uniquelocal). */
function parseTrustProxy(raw: string | undefined, problem: (variable: string, message: string) => void): TrustProxy {
  if (raw === undefined) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
    problem('TRUST_PROXY', `a number of proxies must be from 1 to 10, got "${raw}"`);
    return false;
  }
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  const valid = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
  const bad = entries.filter((entry) => !valid.test(entry));
  if (bad.length > 0 || entries.length === 0) {
    problem('TRUST_PROXY', `must be a number of proxies or a comma-separated list of proxy addresses, got "${raw}"`);
    return false;
  }
  return entries;
}

/** ADMIN_TOKENS: `label:token` pairs separated by commas; labels name who changed what in the change log. */
function adminTokensOf(raw: string | undefined, problem: (variable: string, message: string) => void): AdminTokenConfig[] {
  if (raw === undefined) return [];
  const tokens: AdminTokenConfig[] = [];
  for (const pair of raw.split(',')) {
    const at = pair.indexOf(':');
    const label = pair.slice(0, at).trim();
    const token = pair.slice(at + 1).trim();
    // Each token is held to the same length as ADMIN_TOKEN: a guessable one opens the same page.
    if (at < 1 || !/^[\p{L}\p{N}._-]{1,40}$/u.test(label) || token.length < MIN_ADMIN_TOKEN_LENGTH) {
      problem('ADMIN_TOKENS', `must be label:token pairs separated by commas (label: letters, digits, . _ -; token: at least ${MIN_ADMIN_TOKEN_LENGTH} characters)`);
      return [];
    }
    tokens.push({ label, token });
  }
  return tokens;
}
