/**
 * Configuration from environment variables (documented in .env.example). Reading is strict:
 * a production server with a missing secret refuses to start and names the variable.
 */
import path from 'node:path';
import { MUNICIPALITIES, type Municipality } from './knowledge/schema.js';
import { projectRoot } from './project-root.js';

export const REAL_LINE_API_BASE_URL = 'https://api.line.me';

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
}

/** One labelled admin token. */
export interface AdminTokenConfig {
  label: string;
  token: string;
}

/** A configuration problem, with the variable to fix. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads the configuration; throws ConfigError naming the first bad or missing variable. */
export function loadConfig(env: Env = process.env): Config {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(name, 'is not set (see .env.example)');
    return value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
    return value;
  };
  const channelSecret = required('LINE_CHANNEL_SECRET');
  const channelAccessToken = required('LINE_CHANNEL_ACCESS_TOKEN');
  const lineApiBaseUrl = (env.LINE_API_BASE_URL?.trim() || REAL_LINE_API_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(lineApiBaseUrl)) throw new ConfigError('LINE_API_BASE_URL', `must be an http(s) URL, got "${lineApiBaseUrl}"`);
  const defaultMunicipality = env.DEFAULT_MUNICIPALITY?.trim() || null;
  if (defaultMunicipality !== null && !(MUNICIPALITIES as readonly string[]).includes(defaultMunicipality)) {
    throw new ConfigError('DEFAULT_MUNICIPALITY', `must be one of ${MUNICIPALITIES.join(', ')}, got "${defaultMunicipality}"`);
  }
  return {
    channelSecret,
    channelAccessToken,
    lineApiBaseUrl,
    port: integer('PORT', 3000, 0, 65535),
    dataDir: path.resolve(env.DATA_DIR?.trim() || path.join(projectRoot(), 'data')),
    defaultMunicipality: defaultMunicipality as Municipality | null,
    // Without an explicit salt the channel secret serves: it is secret and stable per channel.
    userHashSalt: env.USER_HASH_SALT?.trim() || channelSecret,
    logRetentionDays: integer('LOG_RETENTION_DAYS', 90, 1, 3650),
    adminToken: env.ADMIN_TOKEN?.trim() || null,
    adminTokens: adminTokensOf(env.ADMIN_TOKENS),
    knowledgeDir: env.KNOWLEDGE_DIR?.trim() || null,
    maxBodyBytes: integer('MAX_BODY_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
  };
}

/** ADMIN_TOKENS: `label:token` pairs separated by commas; labels name who changed what in the change log. */
function adminTokensOf(raw: string | undefined): AdminTokenConfig[] {
  const text = raw?.trim();
  if (!text) return [];
  return text.split(',').map((pair) => {
    const at = pair.indexOf(':');
    const label = pair.slice(0, at).trim();
    const token = pair.slice(at + 1).trim();
    if (at < 1 || !/^[\p{L}\p{N}._-]{1,40}$/u.test(label) || token.length < 16) {
      throw new ConfigError('ADMIN_TOKENS', 'must be label:token pairs separated by commas (label: letters, digits, . _ -; token: at least 16 characters)');
    }
    return { label, token };
  });
}
