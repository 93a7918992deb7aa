import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { secretString } from '../secrets/secret-string';
import { parseSettings } from '../settings/parse-settings';
import { ChannelPayloadError, InvalidSettingsError, UnsupportedCapabilityError } from './errors';
import { OmnisyncError } from './omnisync-error';

const SECRET = 'cs_live_4f9a8b7c6d5e4f3a2b1c';

describe('OmnisyncError', () => {
  it('carries a stable code and retryable flag, and is recognised across copies by its marker', () => {
    const e = new UnsupportedCapabilityError('mock', 'getListing');
    expect(e.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(e.retryable).toBe(false);
    expect(OmnisyncError.isInstance(e)).toBe(true);
    expect(UnsupportedCapabilityError.isInstance(e)).toBe(true);
    expect(ChannelPayloadError.isInstance(e)).toBe(false);
    const foreign = { [Symbol.for('omnisync.error')]: true };
    expect(OmnisyncError.isInstance(foreign)).toBe(true);
    expect(OmnisyncError.isInstance(new Error('x'))).toBe(false);
  });

  it('never carries a registered secret in its message, cause or JSON', () => {
    const schema = z.object({ consumerSecret: secretString('Consumer secret') });
    parseSettings('test', schema, { consumerSecret: SECRET });
    const cause = new Error(`request to https://shop.example/wp-json?consumer_secret=${SECRET} failed`);
    const e = new OmnisyncError('CHANNEL_HTTP', `failed with key ${SECRET}`, {
      cause,
      details: { header: `Basic ${SECRET}`, token: 'abc12345' },
    });
    const everything = [
      e.message,
      String((e.cause as Error).message),
      (e.cause as Error).stack,
      JSON.stringify(e),
      e.stack,
    ].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(JSON.stringify(e)).toContain('[redacted]');
    expect(e.details.token).toBe('[redacted]');
  });

  it('redacts sensitive query parameters and bearer tokens even when not registered', () => {
    const e = new OmnisyncError(
      'CHANNEL_HTTP',
      'GET /orders?access_token=zzzz9999&page=2 Authorization: Bearer abc.def.ghi',
    );
    expect(e.message).toBe('GET /orders?access_token=[redacted]&page=2 Authorization: Bearer [redacted]');
  });
});

describe('parseSettings', () => {
  it('names the bad path and the expectation, never the value', () => {
    const schema = z.object({
      url: z.url(),
      consumerSecret: secretString('secret'),
      per_page: z.number().int().max(100),
    });
    const run = () => parseSettings('WooCommerce', schema, { url: 'not a url', consumerSecret: SECRET, per_page: 500 });
    expect(run).toThrow(InvalidSettingsError);
    try {
      run();
    } catch (error) {
      const e = error as InvalidSettingsError;
      expect(e.issues.map((i) => i.path)).toEqual(['url', 'per_page']);
      expect(e.message).toContain('per_page: too big (maximum 100)');
      expect(JSON.stringify(e)).not.toContain('not a url');
      expect(JSON.stringify(e)).not.toContain(SECRET);
    }
  });
});
