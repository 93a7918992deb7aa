import type { CatalogApi } from '../catalog/catalog-api';
import type { ProductsApi } from '../catalog/products-api';
import type { InventoryApi } from '../inventory/inventory-api';
import type { EngineContext } from '../omnisync/engine-context';
import type { OmnisyncBase } from '../omnisync/create-omnisync';
import type { ExportApi } from '../orders/export/export-api';
import type { OrdersApi } from '../orders/orders-api';
import type { ScanApi } from '../scan/scan-api';

/** The features the reconcile routine composes. */
export type ReconcileFeatures = OmnisyncBase & ScanApi & CatalogApi & OrdersApi & InventoryApi & ProductsApi & ExportApi;

/** The daily reconcile routine and auto-sync. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its feature
export interface ReconcileApi {}

/** Build the reconcile part of the facade. */
export function createReconcileApi(_ctx: EngineContext, _features: ReconcileFeatures): ReconcileApi {
  return {};
}
