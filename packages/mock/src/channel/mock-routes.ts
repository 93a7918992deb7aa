/**
 * The REST route each connector method uses, so that errors from the
 * in-memory mock name the same method and path template as the HTTP mode.
 */
export const MOCK_ROUTES: Record<string, { method: string; path: string }> = {
  listListings: { method: 'GET', path: '/api/v1/listings' },
  scrollListings: { method: 'GET', path: '/api/v1/listings/scroll' },
  getListing: { method: 'GET', path: '/api/v1/listings/{id}' },
  createListing: { method: 'POST', path: '/api/v1/listings' },
  updateStock: { method: 'POST', path: '/api/v1/stock/batch' },
  listOrders: { method: 'GET', path: '/api/v1/orders' },
  getOrder: { method: 'GET', path: '/api/v1/orders/{id}' },
  updateOrderStatus: { method: 'POST', path: '/api/v1/orders/{id}/status' },
  listPaymentMethods: { method: 'GET', path: '/api/v1/payment-methods' },
  listDeliveryMethods: { method: 'GET', path: '/api/v1/delivery-methods' },
};

/** The route of a connector method (POS methods and unknown names get a descriptive placeholder). */
export function routeOf(method: string): { method: string; path: string } {
  return MOCK_ROUTES[method] ?? { method: 'CALL', path: method };
}
