/**
 * `@omnisync/poster`: Poster POS (joinposter.com) as an order export target.
 *
 * @packageDocumentation
 */
export { mapPosterOrderStatus } from './map-poster-order-status';
export type { PosterWebhookBody } from './poster-api';
export { createPoster, type PosterConnector, type PosterLocation } from './poster-connector';
export { POSTER_ERROR_CODES } from './poster-error';
export { PosterSettings, type PosterSettingsInput } from './poster-settings';
export { POSTER_WEBHOOK_REPLY, posterVerify } from './poster-webhook';
export { VERSION } from './version';
