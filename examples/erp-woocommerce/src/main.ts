/*
 * An ERP connects a WooCommerce site as a sales channel, from the form its
 * users fill in (seed 004), and runs the daily routine: a full scan, an order
 * backfill from the start date, an inventory push and a reconcile.
 *
 * It runs offline against the simulated store the connector's own tests use
 * (msw answering the documented REST API); point `storeDomain` and the keys at
 * a real site and drop `startSimulatedStore` to run it for real.
 *
 *   npm start -w @omnisync-examples/erp-woocommerce
 */
import { pathToFileURL } from 'node:url';
import { createMemoryStore, createOmnisync } from '@omnisync/core';
import { createMockPos } from '@omnisync/mock';
import type { WooCommerceConnector } from '@omnisync/woocommerce';
import { setupServer } from 'msw/node';
import {
  createWooCommerceTestStore,
  type WooTestStore,
} from '../../../packages/woocommerce/src/__fixtures__/woocommerce-test-store';
import { toChannelConfig, type WooCommerceSalesChannelForm } from './sales-channel-form';

/** What one run did, in figures. */
export interface ExampleSummary {
  listingsScanned: number;
  paymentMethods: string[];
  ordersImported: number;
  ordersSkipped: number;
  stockPushed: number;
  reconcileProblems: string[];
  disabledWebhooks: number;
}

/** The form as the ERP saved it for the shop. */
export function shopForm(store: {
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  webhookSecret: string;
}) {
  const form: WooCommerceSalesChannelForm = {
    systemType: 'production',
    name: 'Web shop',
    code: 'webshop',
    storeDomain: store.baseUrl,
    consumerKey: store.consumerKey,
    consumerSecret: store.consumerSecret,
    version: 'wc/v3',
    startDate: '2026-10-01',
    typeOfSale: 'retail',
    externalSaleNumber: true,
    createSaleWithSyncDate: false,
    customerType: 'person',
    checkByPhone: true,
    emailVerification: true,
    merchant: 'erp-user-7',
    notice: 'erp-user-1',
    currency: 'EUR',
    financialDocument: 'invoice',
    issueFinancialDocument: false,
    payImmediately: false,
    methodOfDelivery: 'COURIER',
    transportService: 'TRANSPORT-TO-CUSTOMER',
    blockingQuantities: true,
    createRequest: false,
    warehousesToCheckOnRequest: [],
    orderStatuses: ['pending', 'processing', 'on-hold', 'completed'],
    statusesPaid: ['processing', 'completed'],
    issueFinancialDocumentUponPayment: false,
    statusesRefused: ['cancelled', 'refunded', 'failed'],
    synchronizationStatuses: true,
    statusWhenCompleted: 'completed',
    statusWhenPaid: null,
    statusWhenCancelled: 'cancelled',
    synchronisingQuantities: false,
    warehousesForQuantities: ['main'],
    synchronizeExactQuantities: true,
    removeItemsAtZero: true,
    used: true,
    paymentMethods: { bacs: 'BANK', cod: 'CASH', cheque: 'BANK' },
    deliveryMethods: { flat_rate: 'COURIER', local_pickup: 'PICKUP' },
    defaultTaxRate: '20',
    webhookSecret: store.webhookSecret,
  };
  return form;
}

/** A site with a few products, a variable tee and orders around the start date. */
export function seedShop(store: WooTestStore): void {
  store.addProduct({ name: 'Espresso cup', sku: 'CUP-ESP', stockQuantity: 40 });
  store.addProduct({ name: 'Latte mug', sku: 'MUG-LAT', stockQuantity: 12 });
  store.addProduct({ name: 'Gift card', sku: '', stockQuantity: null });
  const tee = store.addProduct({
    name: 'Tee',
    sku: 'TEE',
    type: 'variable',
    attributes: [{ name: 'Size', options: ['S', 'M'] }],
  });
  store.addVariation({ parentId: tee.id as number, sku: 'TEE-S', stockQuantity: 5, attributes: { Size: 'S' } });
  store.addVariation({ parentId: tee.id as number, sku: 'TEE-M', stockQuantity: 5, attributes: { Size: 'M' } });
  const at = (iso: string) => new Date(iso);
  store.addOrder({
    status: 'completed',
    createdAt: at('2026-09-20T10:00:00Z'),
    modifiedAt: at('2026-09-21T10:00:00Z'),
    lines: [{ sku: 'CUP-ESP', quantity: 1, price: '6.00' }],
  });
  store.addOrder({
    status: 'processing',
    createdAt: at('2026-10-05T10:00:00Z'),
    modifiedAt: at('2026-10-05T10:05:00Z'),
    lines: [{ sku: 'MUG-LAT', quantity: 2, price: '14.00' }],
    currency: 'EUR',
  });
  store.addOrder({
    status: 'on-hold',
    createdAt: at('2026-11-02T09:00:00Z'),
    modifiedAt: at('2026-11-02T09:00:00Z'),
    lines: [{ sku: 'TEE-M', quantity: 1, price: '19.00' }],
    paymentMethod: 'cod',
    currency: 'EUR',
  });
  store.addOrder({
    status: 'cancelled',
    createdAt: at('2026-11-03T09:00:00Z'),
    modifiedAt: at('2026-11-03T12:00:00Z'),
    lines: [{ sku: 'CUP-ESP', quantity: 3, price: '6.00' }],
    currency: 'EUR',
  });
}

/** Start msw in front of a simulated store (the offline stand-in for the real site). */
export function startSimulatedStore(): { store: WooTestStore; stop: () => void } {
  const store = createWooCommerceTestStore({ baseUrl: 'https://shop.example.test', currency: 'EUR' });
  seedShop(store);
  const server = setupServer(...store.handlers);
  server.listen({ onUnhandledFrame: 'error' });
  return { store, stop: () => server.close() };
}

/** Run the routine once and report what it did. */
export async function runExample(log: (line: string) => void = console.log): Promise<ExampleSummary> {
  const { store, stop } = startSimulatedStore();
  try {
    const form = shopForm(store);
    // resolveHost: the simulated store's name resolves nowhere; a real site is checked through DNS.
    const channel = toChannelConfig(form, { resolveHost: async () => ['203.0.113.10'] });
    const connector = channel.connector as WooCommerceConnector;
    const pos = createMockPos({
      items: ['CUP-ESP', 'MUG-LAT', 'TEE-S', 'TEE-M'].map((sku, i) => ({ sku, quantity: 10 + i })),
    });
    const omni = createOmnisync({ pos, store: createMemoryStore(), channels: { [form.code]: channel } });
    omni.on('notice', (n) => log(`notice ${n.kind}: ${n.message}`));

    const statuses = await connector.checkOrderStatuses();
    log(`order statuses on the site: ${statuses.statuses.map((st) => `${st.slug}->${st.mappedTo ?? '?'}`).join(', ')}`);
    const methods = await omni.channelMethods(form.code);
    log(`payment methods on the site: ${methods.payment.map((m) => `${m.id}->${m.mappedTo ?? '?'}`).join(', ')}`);
    const scan = await omni.scan(form.code, { type: 'full' });
    const listingsScanned = scan.counts.listingsWritten;
    log(`full scan: ${listingsScanned} listings in ${scan.counts.pages} page(s)`);
    const backfill = await omni.downloadOrders(form.code, { from: new Date(form.startDate).toISOString() });
    log(
      `orders since ${form.startDate}: ${backfill.imported} imported, ${backfill.skipped} skipped, ${backfill.waiting} waiting`,
    );
    const inventory = await omni.updateInventory();
    log(`inventory: ${inventory.totals.pushed} pushed, ${inventory.totals.failed} failed`);
    const reconcile = await omni.reconcile({ channelIds: [form.code] });
    log(`reconcile: ${reconcile.problems.length} problem(s)${reconcile.problems.map((p) => `\n  ${p}`).join('')}`);
    const webhooks = await connector.checkWebhooks();
    log(`webhooks disabled by WooCommerce: ${webhooks.disabled.length}`);
    await omni.close();
    return {
      listingsScanned,
      paymentMethods: methods.payment.map((m) => m.id),
      ordersImported: backfill.imported,
      ordersSkipped: backfill.skipped,
      stockPushed: inventory.totals.pushed,
      reconcileProblems: reconcile.problems,
      disabledWebhooks: webhooks.disabled.length,
    };
  } finally {
    stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runExample().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
