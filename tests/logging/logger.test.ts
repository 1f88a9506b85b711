import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonLogger } from '../../src/logging/logger.js';

function captured(stream: NodeJS.WriteStream): string[] {
  const lines: string[] = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('jsonLogger', () => {
  it('writes one JSON line per call: info to stdout, warnings and errors to stderr', () => {
    const out = captured(process.stdout);
    const err = captured(process.stderr);
    const logger = jsonLogger({ service: 'dx-navi' });
    logger.info('ready', { port: 3000 });
    logger.error('event failed', { error: new Error('boom') });
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ level: 'info', message: 'ready', service: 'dx-navi', port: 3000 });
    expect(err).toHaveLength(1);
    expect(JSON.stringify(JSON.parse(err[0] ?? ''))).toContain('boom');
  });

  it('never throws into the caller, even for fields too deeply nested to serialise', () => {
    const err = captured(process.stderr);
    // What a hostile webhook body can put in an event's `type`.
    let nested: unknown = 'leaf';
    for (let depth = 0; depth < 200_000; depth += 1) nested = [nested];
    const logger = jsonLogger();
    expect(() => logger.warn('malformed event skipped', { type: nested, requestId: 'r1' })).not.toThrow();
    const line = JSON.parse(err[0] ?? '') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', message: 'malformed event skipped', unloggableFields: ['type', 'requestId'] });
  });
});
