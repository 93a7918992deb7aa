import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve-options';

describe('omnisync-mock arguments', () => {
  it('reads the catalog, rate limit and faults', () => {
    const config = parseServeArgs([
      '--port',
      '0',
      '--listings',
      '50000',
      '--rate',
      '20',
      '--burst',
      '40',
      '--fault-429',
      '0.1',
    ]);
    expect(config.channel).toMatchObject({ catalogSize: 50000, faults: { rateLimit: { rate: 0.1 } } });
    expect(config.server).toMatchObject({ port: 0, rateLimit: { ratePerSecond: 20, burst: 40 } });
    expect(parseServeArgs(['--no-rate-limit']).server.rateLimit).toBe(false);
  });

  it('refuses a bad value naming the option', () => {
    expect(() => parseServeArgs(['--rate', 'fast'])).toThrow('--rate must be a non-negative number');
    expect(() => parseServeArgs(['--bogus'])).toThrow(/bogus/);
  });
});
