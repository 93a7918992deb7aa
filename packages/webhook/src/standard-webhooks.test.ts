import { WebhookSignatureError } from '@omnisync/core';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './standard-webhooks';

// The vector of the Standard Webhooks reference libraries (javascript/src/webhook.test.ts, python tests).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const at = (seconds: number) => () => seconds * 1000;

function vectorHeaders(signature = VECTOR.signature, timestamp = VECTOR.timestamp) {
  return { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

describe('Standard Webhooks signatures', () => {
  it('signs the specification vector exactly', () => {
    const headers = signWebhook({
      id: VECTOR.id,
      timestamp: VECTOR.timestamp,
      body: VECTOR.body,
      secrets: VECTOR.secret,
    });
    expect(headers['webhook-signature']).toBe(VECTOR.signature);
    expect(headers['webhook-timestamp']).toBe('1614265330');
  });

  it('verifies the specification vector, with or without the whsec_ prefix', () => {
    for (const secret of [VECTOR.secret, VECTOR.secret.slice(6)]) {
      const verified = verifyWebhook(vectorHeaders(), VECTOR.body, secret, { now: at(VECTOR.timestamp) });
      expect(verified).toEqual({ id: VECTOR.id, timestamp: VECTOR.timestamp, payload: { test: 2432232314 } });
    }
  });

  it('accepts a header listing several signatures when one matches (rotation), ignoring other versions', () => {
    const junk = 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';
    const header = [junk, 'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', VECTOR.signature, junk].join(' ');
    expect(() =>
      verifyWebhook(vectorHeaders(header), VECTOR.body, VECTOR.secret, { now: at(VECTOR.timestamp) }),
    ).not.toThrow();
  });

  it('signs with every secret during a rotation, and a receiver holding either one verifies', () => {
    const next = 'whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY=';
    const headers = signWebhook({ id: 'msg_1', timestamp: 100, body: '{}', secrets: [next, VECTOR.secret] });
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [next, VECTOR.secret])
      expect(() => verifyWebhook(headers, '{}', secret, { now: at(100) })).not.toThrow();
  });

  const refusals: [string, Record<string, string>, string, RegExp][] = [
    ['a forged body', vectorHeaders(), '{"test": 1}', /no signature matches/],
    [
      'a signature by another secret',
      vectorHeaders('v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='),
      VECTOR.body,
      /no signature matches/,
    ],
    ['a truncated signature', vectorHeaders(VECTOR.signature.slice(0, 8)), VECTOR.body, /no signature matches/],
    ['an empty signature', vectorHeaders('v1,'), VECTOR.body, /no signature matches/],
    [
      'a replay 6 minutes late',
      vectorHeaders(VECTOR.signature, VECTOR.timestamp - 360),
      VECTOR.body,
      /older than 300s/,
    ],
    ['a timestamp 6 minutes ahead', vectorHeaders(VECTOR.signature, VECTOR.timestamp + 360), VECTOR.body, /ahead/],
    [
      'a timestamp that is not a number',
      { ...vectorHeaders(), 'webhook-timestamp': 'hello' },
      VECTOR.body,
      /Unix seconds/,
    ],
    ['a missing id', { ...vectorHeaders(), 'webhook-id': '' }, VECTOR.body, /missing/],
  ];
  it.each(refusals)(
    'refuses %s with WebhookSignatureError, never echoing the secret',
    (_name, headers, body, reason) => {
      const error = (() => {
        try {
          verifyWebhook(headers, body, VECTOR.secret, { now: at(VECTOR.timestamp) });
          return null;
        } catch (e) {
          return e as WebhookSignatureError;
        }
      })();
      expect(WebhookSignatureError.isInstance(error)).toBe(true);
      expect(error!.code).toBe('WEBHOOK_SIGNATURE');
      expect(error!.message).toMatch(reason);
      expect(JSON.stringify(error)).not.toContain(VECTOR.secret.slice(6));
    },
  );

  it('agrees with the standardwebhooks reference library in both directions', () => {
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'order.export', data: { a: 'ü' } });
    const ours = signWebhook({ id: 'msg_cross', timestamp: now, body, secrets: VECTOR.secret });
    expect(new Webhook(VECTOR.secret).verify(body, ours)).toEqual(JSON.parse(body));
    const theirs = new Webhook(VECTOR.secret).sign('msg_cross', new Date(now * 1000), body);
    expect(verifyWebhook({ ...ours, 'webhook-signature': theirs }, body, VECTOR.secret).id).toBe('msg_cross');
  });

  it('agrees with the reference library for any id, body and secret (property)', () => {
    const id = fc.stringMatching(/^msg_[A-Za-z0-9_-]{1,40}$/);
    const secret = fc
      .uint8Array({ minLength: 24, maxLength: 64 })
      .map((b) => `whsec_${Buffer.from(b).toString('base64')}`);
    fc.assert(
      fc.property(id, fc.json({ maxDepth: 2 }), secret, (msgId, body, key) => {
        const now = Math.floor(Date.now() / 1000);
        const ours = signWebhook({ id: msgId, timestamp: now, body, secrets: key });
        expect(new Webhook(key).sign(msgId, new Date(now * 1000), body)).toBe(ours['webhook-signature']);
        expect(verifyWebhook(ours, body, key).id).toBe(msgId);
        expect(() => verifyWebhook(ours, `${body} `, key)).toThrow(WebhookSignatureError);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a message id containing "." when signing', () => {
    expect(() => signWebhook({ id: 'a.b', body: '', secrets: VECTOR.secret })).toThrow(/must not contain/);
  });
});
