import type { CatalogApi } from '../catalog/catalog-api';
import type { ProductsApi } from '../catalog/products-api';
import type { InventoryApi } from '../inventory/inventory-api';
import type { OmnisyncBase } from '../omnisync/omnisync-options';
import type { ExportApi } from '../orders/export/export-api';
import type { OrdersApi } from '../orders/orders-api';
import type { ScanApi } from '../scan/scan-api';

/** The features the reconcile routine and auto-sync compose. */
export type ReconcileFeatures = OmnisyncBase &
  ScanApi &
  CatalogApi &
  OrdersApi &
  InventoryApi &
  ProductsApi &
  ExportApi;
