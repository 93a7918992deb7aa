import { describe, expect, it } from 'vitest';
import { hmacSha256Base64, hmacSha256Hex, md5Hex, timingSafeEqualString } from './hmac';

describe('HMAC helpers', () => {
  it('match the RFC 4231 test vector (case 2) in hex and base64', () => {
    const hex = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(hex);
    expect(hmacSha256Base64('Jefe', 'what do ya want for nothing?')).toBe(Buffer.from(hex, 'hex').toString('base64'));
  });

  it('md5Hex matches the RFC 1321 vector', () => {
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });

  it('timingSafeEqualString compares contents and length', () => {
    expect(timingSafeEqualString('abc', 'abc')).toBe(true);
    expect(timingSafeEqualString('abc', 'abd')).toBe(false);
    expect(timingSafeEqualString('abc', 'abcd')).toBe(false);
    expect(timingSafeEqualString('é', 'e\u0301')).toBe(false);
  });
});
