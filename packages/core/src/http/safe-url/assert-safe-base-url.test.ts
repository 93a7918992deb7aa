import { describe, expect, it } from 'vitest';
import { UnsafeUrlError } from '../unsafe-url-error';
import { assertSafeBaseUrl, type SafeUrlOptions } from './assert-safe-base-url';

const production: SafeUrlOptions = { environment: 'production', resolve: async () => ['93.184.215.14'] };

async function refusal(url: string, options: SafeUrlOptions = production): Promise<UnsafeUrlError> {
  const error = await assertSafeBaseUrl(url, options).then(
    () => null,
    (e) => e,
  );
  expect(UnsafeUrlError.isInstance(error), `expected ${url} to be refused`).toBe(true);
  expect(error.code).toBe('UNSAFE_URL');
  return error as UnsafeUrlError;
}

describe('assertSafeBaseUrl', () => {
  it('accepts a public HTTPS store and returns the parsed URL', async () => {
    const url = await assertSafeBaseUrl('https://shop.example.com/', production);
    expect(url.hostname).toBe('shop.example.com');
  });

  it('requires HTTPS in production but not in staging or test', async () => {
    expect((await refusal('http://shop.example.com')).message).toBe(
      'Refused the base URL for host "shop.example.com": production requires HTTPS.',
    );
    await expect(
      assertSafeBaseUrl('http://shop.example.com', { ...production, environment: 'staging' }),
    ).resolves.toBeInstanceOf(URL);
  });

  it.each([
    ['https://127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['https://localhost:8080', 'it is a loopback host'],
    ['https://[::1]/', 'a loopback address (::1)'],
    ['https://10.1.2.3', 'a private address (10.0.0.0/8)'],
    ['https://172.20.0.5', 'a private address (172.16.0.0/12)'],
    ['https://192.168.1.10', 'a private address (192.168.0.0/16)'],
    ['https://[fd12::1]', 'a private address (unique local fc00::/7)'],
    ['https://169.254.10.10', 'a link-local address (169.254.0.0/16)'],
    ['https://[fe80::1]', 'a link-local address (fe80::/10)'],
    ['https://0.0.0.0', 'an unspecified address'],
    ['https://169.254.169.254/latest/meta-data', 'a cloud metadata address'],
    ['https://[fd00:ec2::254]', 'a cloud metadata address'],
    ['https://metadata.google.internal/computeMetadata/v1', 'it is a cloud metadata host'],
    ['https://2130706433', 'a loopback address'],
    ['https://[::ffff:127.0.0.1]', 'a loopback address'],
  ])('refuses %s', async (url, reason) => {
    expect((await refusal(url)).message).toContain(reason);
  });

  it('refuses a public-looking name that resolves to a private or metadata address', async () => {
    const rebind = { ...production, resolve: async () => ['93.184.215.14', '10.0.0.8'] };
    expect((await refusal('https://shop.attacker.example', rebind)).message).toBe(
      'Refused the base URL for host "shop.attacker.example": resolves to 10.0.0.8, a private address (10.0.0.0/8).',
    );
    const metadata = { ...production, resolve: async () => ['169.254.169.254'] };
    expect((await refusal('https://meta.attacker.example', metadata)).reason).toContain('cloud metadata');
  });

  it('allows loopback and private hosts only when told to, and metadata never', async () => {
    const allow: SafeUrlOptions = {
      environment: 'test',
      allowPrivateNetwork: true,
      resolve: async () => ['127.0.0.1'],
    };
    await expect(assertSafeBaseUrl('http://127.0.0.1:4010', allow)).resolves.toBeInstanceOf(URL);
    await expect(assertSafeBaseUrl('http://localhost:4010', allow)).resolves.toBeInstanceOf(URL);
    await refusal('http://169.254.169.254', allow);
    await refusal('http://metadata.google.internal', allow);
  });

  it('refuses credentials in the URL without echoing them, and non-HTTP schemes', async () => {
    const error = await refusal('https://admin:hunter2secret@shop.example.com');
    expect(JSON.stringify(error)).not.toContain('hunter2secret');
    expect(error.message).toContain('carries credentials');
    expect((await refusal('file:///etc/passwd')).message).toContain('is not HTTP(S)');
    expect((await refusal('not a url')).message).toContain('not an absolute URL');
  });

  it('refuses a host that does not resolve', async () => {
    const error = await refusal('https://nowhere.example', {
      ...production,
      resolve: async () => {
        throw new Error('ENOTFOUND');
      },
    });
    expect(error.reason).toBe('the host name does not resolve');
  });
});
