import type { EngineContext } from '../omnisync/engine-context';
import { type DownloadProductsOptions, type DownloadProductsReport, downloadProducts } from './product-download';
import { type UploadProductsOptions, type UploadProductsReport, uploadProducts } from './product-upload';

export type {
  DownloadedProduct,
  DownloadProductsOptions,
  DownloadProductsReport,
  DownloadRefusalReason,
  RefusedListing,
} from './product-download';
export type {
  RefusedItem,
  UploadedProduct,
  UploadProductsOptions,
  UploadProductsReport,
  UploadRefusalReason,
} from './product-upload';

/** Product download (channel to POS) and upload (POS to channel), seed 002. */
export interface ProductsApi {
  /**
   * Create POS items from a channel's Not In POS listings (chosen keys, or
   * `all: true`). Refuses listings with no SKU or a conflicting SKU, each with
   * the reason. Throws `UnsupportedCapabilityError` when the POS cannot create items.
   */
  downloadProducts(channelId: string, options: DownloadProductsOptions): Promise<DownloadProductsReport>;
  /**
   * Create listings on a channel for POS items it does not list (chosen ids,
   * or every Not In Channel item). Throws `UnsupportedCapabilityError` when the
   * connector cannot create listings.
   */
  uploadProducts(channelId: string, options?: UploadProductsOptions): Promise<UploadProductsReport>;
}

/** Build the products feature of the facade. */
export function createProductsApi(ctx: EngineContext): ProductsApi {
  return {
    downloadProducts: (channelId, options) => downloadProducts(ctx, channelId, options),
    uploadProducts: (channelId, options) => uploadProducts(ctx, channelId, options),
  };
}
