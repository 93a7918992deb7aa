import { redactText } from '@omnisync/core';
import { ChannelHttpError, type VendorError } from '@omnisync/core/http';
import { WooErrorBody } from './woocommerce-api';

/**
 * Read WordPress/WooCommerce's error body `{ code, message, data: { status } }`
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#errors). Bodies
 * that are not of that shape (a host's HTML 503 page) give no vendor code.
 */
export function parseWooCommerceErrorBody(status: number, body: unknown): VendorError | null {
  const parsed = WooErrorBody.safeParse(body);
  if (!parsed.success) return null;
  const { code, message } = parsed.data;
  const auth = status === 401 || status === 403 || code === 'woocommerce_rest_authentication_error';
  return { vendorCode: code, message: message ?? null, kind: auth ? 'auth' : undefined };
}

/**
 * A refused credential, with a message a person can act on: it names the
 * setting to fix (`consumerKey`, `consumerSecret`) and never the value.
 * Still a `ChannelHttpError` (code `CHANNEL_AUTH`), so generic handling works.
 */
export class WooCommerceAuthError extends ChannelHttpError {
  /** The settings a person should check, e.g. `['consumerKey']`. */
  readonly settings: readonly string[];

  constructor(error: ChannelHttpError) {
    super({
      code: 'CHANNEL_AUTH',
      connector: error.connector,
      method: error.method,
      pathTemplate: error.pathTemplate,
      status: error.status,
      vendorCode: error.vendorCode,
      vendorMessage: error.vendorMessage,
      vendorBody: error.vendorBody,
      requestId: error.requestId,
      attempts: error.attempts,
      retryable: false,
      cause: error,
    });
    this.name = 'WooCommerceAuthError';
    const advice = adviceFor(error);
    this.settings = advice.settings;
    this.message = redactText(`${error.message} ${advice.text}`);
    (this.details as Record<string, unknown>).settings = advice.settings;
  }
}

function adviceFor(error: ChannelHttpError): { settings: string[]; text: string } {
  const vendorMessage = (error.vendorMessage ?? '').toLowerCase();
  if (vendorMessage.includes('consumer key')) {
    return {
      settings: ['consumerKey'],
      text: 'The store does not know this consumer key: check settings.consumerKey (WooCommerce > Settings > Advanced > REST API).',
    };
  }
  if (vendorMessage.includes('consumer secret') || vendorMessage.includes('signature')) {
    return {
      settings: ['consumerSecret'],
      text: 'The consumer secret does not match the key: check settings.consumerSecret.',
    };
  }
  if (/cannot_(create|edit|delete|batch|update)/.test(error.vendorCode ?? '')) {
    return {
      settings: ['consumerKey'],
      text: 'The API key may read but not write: give the key in settings.consumerKey Read/Write permissions.',
    };
  }
  return {
    settings: ['consumerKey', 'consumerSecret'],
    text:
      'The store refused the credentials: check settings.consumerKey and settings.consumerSecret. If they are right, ' +
      'the web server may be stripping the Authorization header: set settings.queryStringAuth.',
  };
}

/** Turn an auth failure into `WooCommerceAuthError`; anything else passes through unchanged. */
export function explainWooCommerceError(error: unknown): unknown {
  if (ChannelHttpError.isInstance(error) && error.code === 'CHANNEL_AUTH' && !(error instanceof WooCommerceAuthError)) {
    return new WooCommerceAuthError(error);
  }
  return error;
}

/** True when a ChannelHttpError is the store's "no such object" answer (404). */
export function isNotFound(error: unknown): boolean {
  return ChannelHttpError.isInstance(error) && error.status === 404;
}
