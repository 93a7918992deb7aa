import { describe, expect, it } from 'vitest';
import cannotView from './__fixtures__/woocommerce-error-cannot-view.json';
import tooLarge from './__fixtures__/woocommerce-error-entity-too-large.json';
import invalidKey from './__fixtures__/woocommerce-error-invalid-consumer-key.json';
import noRoute from './__fixtures__/woocommerce-error-no-route.json';
import notFound from './__fixtures__/woocommerce-error-not-found.json';
import { parseWooCommerceErrorBody } from './woocommerce-error';

describe('parseWooCommerceErrorBody', () => {
  it('reads the vendor code and message of the documented error bodies', () => {
    expect(parseWooCommerceErrorBody(404, notFound)).toEqual({
      vendorCode: 'woocommerce_rest_product_invalid_id',
      message: 'Invalid ID.',
      kind: undefined,
    });
    expect(parseWooCommerceErrorBody(404, noRoute)?.vendorCode).toBe('rest_no_route');
    expect(parseWooCommerceErrorBody(413, tooLarge)?.vendorCode).toBe('woocommerce_rest_request_entity_too_large');
  });

  it('classes 401 answers as auth failures', () => {
    expect(parseWooCommerceErrorBody(401, cannotView)?.kind).toBe('auth');
    expect(parseWooCommerceErrorBody(401, invalidKey)).toMatchObject({
      kind: 'auth',
      message: 'Consumer key is invalid.',
    });
  });

  it('gives no vendor code for a body that is not the WordPress shape (a host error page)', () => {
    expect(parseWooCommerceErrorBody(503, '<html>Briefly unavailable</html>')).toBeNull();
  });
});
