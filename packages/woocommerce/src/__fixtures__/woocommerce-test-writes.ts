/*
 * Writes of the simulated store: product and variation create/update with
 * WooCommerce's own rules (unique SKUs, stock status derived from the
 * quantity when stock is managed, post statuses validated).
 */
import type { Json } from './woocommerce-test-builders';
import type { WooTestStore } from './woocommerce-test-store';

/** A write's outcome: the saved object, or the error WooCommerce would answer. */
export type WriteResult = { ok: Json } | { error: { code: string; message: string; status: number } };

const POST_STATUSES = ['draft', 'pending', 'private', 'publish'];
const STOCK_STATUSES = ['instock', 'outofstock', 'onbackorder'];

function invalid(param: string): WriteResult {
  return { error: { code: 'rest_invalid_param', message: `Invalid parameter(s): ${param}`, status: 400 } };
}

function skuTaken(store: WooTestStore, sku: unknown, selfId?: number): boolean {
  if (typeof sku !== 'string' || sku === '') return false;
  const all = [...store.products.values(), ...store.variations.values()];
  return all.some((item) => item.sku === sku && item.id !== selfId);
}

/** Apply the writable fields the connector uses to a product or variation. */
function applyCommon(store: WooTestStore, target: Json, item: Json): WriteResult | null {
  if (item.sku !== undefined) {
    if (skuTaken(store, item.sku, target.id as number)) {
      return { error: { code: 'product_invalid_sku', message: 'Invalid or duplicated SKU.', status: 400 } };
    }
    target.sku = item.sku;
  }
  if (item.status !== undefined) {
    if (!POST_STATUSES.includes(String(item.status))) return invalid('status');
    target.status = item.status;
  }
  if (item.regular_price !== undefined) {
    target.regular_price = item.regular_price;
    target.price = item.regular_price;
  }
  if (item.manage_stock !== undefined) target.manage_stock = Boolean(item.manage_stock);
  if (item.stock_quantity !== undefined) {
    if (item.stock_quantity !== null && !Number.isInteger(item.stock_quantity)) return invalid('stock_quantity');
    target.stock_quantity = item.stock_quantity;
  }
  if (item.stock_status !== undefined) {
    if (!STOCK_STATUSES.includes(String(item.stock_status))) return invalid('stock_status');
    target.stock_status = item.stock_status;
  }
  deriveStockStatus(target);
  store.touch(target);
  return null;
}

/** WooCommerce sets the stock status from the quantity when it manages stock, and forgets the quantity when not. */
function deriveStockStatus(target: Json): void {
  if (target.manage_stock === true) {
    const quantity = Number(target.stock_quantity ?? 0);
    target.stock_quantity = quantity;
    target.stock_status = quantity > 0 ? 'instock' : target.backorders !== 'no' ? 'onbackorder' : 'outofstock';
  } else {
    target.stock_quantity = null;
  }
}

/** `PUT /products/{id}` and one `update` entry of `POST /products/batch`. */
export function applyProductWrite(store: WooTestStore, product: Json, item: Json): WriteResult {
  if (item.name !== undefined) product.name = item.name;
  if (item.catalog_visibility !== undefined) product.catalog_visibility = item.catalog_visibility;
  return applyCommon(store, product, item) ?? { ok: product };
}

/** `PUT /products/{pid}/variations/{id}` and one `update` entry of the variations batch. */
export function applyVariationWrite(store: WooTestStore, variation: Json, item: Json): WriteResult {
  return applyCommon(store, variation, item) ?? { ok: variation };
}

/** `POST /products`. */
export function createProduct(store: WooTestStore, body: Json): WriteResult {
  if (skuTaken(store, body.sku)) {
    return { error: { code: 'product_invalid_sku', message: 'Invalid or duplicated SKU.', status: 400 } };
  }
  if (body.status !== undefined && !POST_STATUSES.includes(String(body.status))) return invalid('status');
  const attributes = ((body.attributes as Json[] | undefined) ?? []).map((a) => ({
    name: String(a.name),
    options: (a.options as string[] | undefined) ?? [],
  }));
  const product = store.addProduct({
    name: String(body.name ?? ''),
    sku: body.sku as string | undefined,
    type: (body.type as 'simple' | 'variable' | undefined) ?? 'simple',
    status: (body.status as 'publish' | undefined) ?? 'publish',
    regularPrice: body.regular_price as string | undefined,
    stockQuantity: body.manage_stock ? Number(body.stock_quantity ?? 0) : null,
    attributes,
  });
  if (body.description !== undefined) product.description = body.description;
  return { ok: product };
}

/** `POST /products/{pid}/variations`. */
export function createVariation(store: WooTestStore, parentId: number, body: Json): WriteResult {
  const parent = store.products.get(parentId);
  if (!parent) return { error: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', status: 404 } };
  if (skuTaken(store, body.sku)) {
    return { error: { code: 'product_invalid_sku', message: 'Invalid or duplicated SKU.', status: 400 } };
  }
  const attributes: Record<string, string> = {};
  for (const a of (body.attributes as Json[] | undefined) ?? []) attributes[String(a.name)] = String(a.option);
  const variation = store.addVariation({
    parentId,
    sku: body.sku as string | undefined,
    regularPrice: body.regular_price as string | undefined,
    stockQuantity: body.manage_stock ? Number(body.stock_quantity ?? 0) : null,
    attributes,
  });
  const { parent_id: _parent, ...rest } = variation;
  return { ok: rest };
}

/** A variation as `GET /products?sku=` returns it: product-shaped, `type: "variation"`, with `parent_id`. */
export function asProductResource(store: WooTestStore, variation: Json): Json {
  const parent = store.products.get(Number(variation.parent_id));
  const options = ((variation.attributes as Json[]) ?? []).map((a) => a.option).join(', ');
  return {
    ...variation,
    type: 'variation',
    name: `${parent?.name ?? ''} - ${options}`,
    parent_id: variation.parent_id,
  };
}
