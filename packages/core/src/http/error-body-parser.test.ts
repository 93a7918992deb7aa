import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createErrorBodyParser } from './error-body-parser';
import * as http from './index';

describe('createErrorBodyParser', () => {
  const parse = createErrorBodyParser({
    schema: z.object({ error: z.string(), message: z.string().nullish() }),
    vendorCode: (b) => b.error,
    message: (b) => b.message,
    kind: (b) => (b.error === 'error_rate_limit' ? 'rate_limited' : undefined),
  });

  it('reads the code, message and kind of a matching body', () => {
    expect(parse(200, { error: 'error_rate_limit', message: 'Too many requests' })).toEqual({
      vendorCode: 'error_rate_limit',
      message: 'Too many requests',
      kind: 'rate_limited',
    });
    expect(parse(400, { error: 'error_param' })).toEqual({ vendorCode: 'error_param', message: null, kind: undefined });
  });

  it('returns null for a body of another shape or with an empty code', () => {
    expect(parse(500, '<html>Bad gateway</html>')).toBeNull();
    expect(parse(200, { error: '', message: 'ok' })).toBeNull();
  });
});

describe('@omnisync/core/http entry', () => {
  it('exports what connector authors call', () => {
    for (const name of [
      'createHttpClient',
      'createErrorBodyParser',
      'ChannelHttpError',
      'UnsafeUrlError',
      'assertSafeBaseUrl',
      'assertSafeBaseUrlSyntax',
      'createGuardedFetch',
      'adaptiveLimiter',
      'tokenBucket',
      'leakyBucket',
      'costBudget',
      'sharedRateLimiter',
      'readRateLimitHeaders',
      'hmacSha256Hex',
      'hmacSha256Base64',
      'md5Hex',
      'timingSafeEqualString',
      'paginatePages',
      'paginateCursor',
      'paginateLink',
      'parseLinkHeader',
    ]) {
      expect(typeof (http as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
