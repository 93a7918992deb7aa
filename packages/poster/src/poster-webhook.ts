import { parsePayload, type WebhookRequestV1, WebhookSignatureError } from '@omnisync/core';
import { md5Hex, timingSafeEqualString } from '@omnisync/core/http';
import { PosterWebhookBody as BodySchema, type PosterWebhookBody } from './poster-api';

/** What to answer a verified Poster webhook with; otherwise Poster retries it (up to 15 times). */
export const POSTER_WEBHOOK_REPLY = { status: 'accept' } as const;

/**
 * The `verify` of a Poster webhook, as Poster's documentation computes it (its
 * PHP example, which includes `time` although the table omits it):
 * md5 of `account;object;object_id;action;[data;]time;secret`.
 * A `data` object is joined as its JSON text.
 */
export function posterVerify(body: Omit<PosterWebhookBody, 'verify'>, secret: string): string {
  const parts = [body.account, body.object, String(body.object_id), body.action];
  if (body.data !== undefined && body.data !== null) {
    parts.push(typeof body.data === 'string' ? body.data : JSON.stringify(body.data));
  }
  parts.push(String(body.time), secret);
  return md5Hex(parts.join(';'));
}

/**
 * Verify a Poster webhook delivery (timing-safe) and return its body, or
 * throw `WebhookSignatureError`. Poster signs with md5 and no timestamp
 * window (it retries old deliveries), so replays are the receiver's to drop.
 */
export function verifyPosterWebhook(request: WebhookRequestV1, secret: string): PosterWebhookBody {
  const text = typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebhookSignatureError('poster', 'the body is not JSON');
  }
  const body = parsePayload('poster', 'webhook', BodySchema, json);
  if (!timingSafeEqualString(posterVerify(body, secret), body.verify.toLowerCase())) {
    throw new WebhookSignatureError('poster', 'verify does not match');
  }
  return body;
}
