import { describe, expect, it } from 'vitest';
import { userKeyFor } from '../../src/storage/user-key.js';

const lineUserId = 'U4af4980629a1b2c3d4e5f60718293a4b';

describe('userKeyFor', () => {
  it('is HMAC-SHA256 of the id under the salt, in hex', () => {
    // Computed independently: printf %s "$id" | openssl dgst -sha256 -hmac "pepper"
    expect(userKeyFor(lineUserId, 'pepper')).toBe('ff88197a63fe9b411df15e00c862ef2481fbba82504be0d5fd99d21a433903ed');
  });

  it('is stable for one id and salt and never contains the raw id', () => {
    const key = userKeyFor(lineUserId, 'pepper');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(userKeyFor(lineUserId, 'pepper')).toBe(key);
    expect(key).not.toContain(lineUserId);
  });

  it('differs between ids and between salts', () => {
    const key = userKeyFor(lineUserId, 'pepper');
    expect(userKeyFor('Cgroup0123456789abcdef0123456789', 'pepper')).not.toBe(key);
    expect(userKeyFor(lineUserId, 'other salt')).not.toBe(key);
  });

  it('refuses an empty salt', () => {
    expect(() => userKeyFor(lineUserId, '')).toThrow(/salt/);
  });
});
