import type { ChannelConfig, OrderImportRulesInput, OrderStatus, QuantityRulesInput } from '@omnisync/core';
import {
  createWooCommerce,
  type WooCommerceRuntimeOptions,
  type WooCommerceSettingsInput,
} from '@omnisync/woocommerce';

/**
 * The ERP's "Add/Edit Sales Channel" form for a WooCommerce site (seed 004),
 * field for field, as the ERP stores it. `toChannelConfig` turns it into
 * what omnisync takes: the connector's settings, the order import rules and
 * the quantity rules.
 */
export interface WooCommerceSalesChannelForm {
  // (1) Basic data
  systemType: 'production' | 'working' | 'test';
  // (2) Information
  name: string;
  /** The channel code: also the omnisync channel id. */
  code: string;
  // (3) Parameters
  storeDomain: string;
  consumerKey: string;
  consumerSecret: string;
  version: 'wc/v3';
  /** Sales from this date on are synchronised; a back date backfills. */
  startDate: string;
  typeOfSale: string | null;
  externalSaleNumber: boolean;
  createSaleWithSyncDate: boolean;
  customerType: 'person' | 'company';
  checkByPhone: boolean;
  emailVerification: boolean;
  merchant: string | null;
  /** The ERP user told about synchronisation problems. */
  notice: string | null;
  currency: string | null;
  financialDocument: string | null;
  issueFinancialDocument: boolean;
  payImmediately: boolean;
  methodOfDelivery: string | null;
  /** Kept for the form; omnisync has no rule for it (the POS adds its transport line itself). */
  transportService: string | null;
  blockingQuantities: boolean;
  createRequest: boolean;
  warehousesToCheckOnRequest: string[];
  /** WooCommerce statuses to synchronise, e.g. pending, processing, on-hold, completed. */
  orderStatuses: string[];
  statusesPaid: string[];
  issueFinancialDocumentUponPayment: boolean;
  statusesRefused: string[];
  synchronizationStatuses: boolean;
  statusWhenCompleted: OrderStatus | null;
  statusWhenPaid: OrderStatus | null;
  statusWhenCancelled: OrderStatus | null;
  /** Yes/no availability only. */
  synchronisingQuantities: boolean;
  warehousesForQuantities: string[];
  synchronizeExactQuantities: boolean;
  removeItemsAtZero: boolean;
  used: boolean;
  // (4) Payment methods and (5) delivery methods: site method id -> POS method id
  paymentMethods: Record<string, string>;
  deliveryMethods: Record<string, string>;
  // (6) Tax transactions
  defaultTaxRate: string | null;
  /** Not in the seed's form: the secret typed into the site's webhooks, to accept pushes. */
  webhookSecret?: string;
}

/** What the form becomes. */
export interface WooCommerceChannelSetup {
  settings: WooCommerceSettingsInput;
  orders: OrderImportRulesInput;
  inventory: QuantityRulesInput;
}

/** Map the form onto the connector settings and the engine's per-channel rules. */
export function toChannelSetup(form: WooCommerceSalesChannelForm): WooCommerceChannelSetup {
  const exact = form.synchronizeExactQuantities;
  return {
    settings: {
      storeUrl: form.storeDomain,
      consumerKey: form.consumerKey,
      consumerSecret: form.consumerSecret,
      apiVersion: form.version,
      environment: form.systemType,
      channelId: form.code,
      startDate: form.startDate,
      webhookSecret: form.webhookSecret,
      quantitySync: exact ? 'exact' : 'in-stock',
    },
    orders: {
      startDate: new Date(form.startDate).toISOString(),
      statuses: {
        import: form.orderStatuses,
        paid: form.statusesPaid,
        refused: form.statusesRefused,
        completed: ['completed'],
      },
      externalSaleNumber: form.externalSaleNumber,
      saleDate: form.createSaleWithSyncDate ? 'sync' : 'order',
      saleType: form.typeOfSale,
      merchantId: form.merchant,
      notifyUserId: form.notice,
      customers: {
        match: [
          'vatNumber',
          'companyId',
          ...(form.checkByPhone ? ['phone' as const] : []),
          ...(form.emailVerification ? ['email' as const] : []),
        ],
        create: true,
        type: form.customerType,
      },
      currency: { default: form.currency },
      documents: {
        kind: form.financialDocument,
        issueOnImport: form.issueFinancialDocument,
        payImmediately: form.issueFinancialDocument && form.payImmediately,
        issueOnPayment: form.issueFinancialDocumentUponPayment,
      },
      payments: { mapping: form.paymentMethods },
      delivery: { mapping: form.deliveryMethods, default: form.methodOfDelivery },
      taxRate: form.defaultTaxRate,
      reserve: form.blockingQuantities,
      stockRequest: { enabled: form.createRequest, warehouses: form.warehousesToCheckOnRequest },
      writeBack: {
        enabled: form.synchronizationStatuses,
        completed: form.statusWhenCompleted,
        paid: form.statusWhenPaid,
        cancelled: form.statusWhenCancelled,
      },
    },
    inventory: {
      enabled: form.used && (exact || form.synchronisingQuantities),
      warehouses: form.warehousesForQuantities.length ? form.warehousesForQuantities : null,
      mode: exact ? 'exact' : 'availability',
      deactivateAtZero: form.removeItemsAtZero,
    },
  };
}

/** The channel as `createOmnisync` takes it. */
export function toChannelConfig(
  form: WooCommerceSalesChannelForm,
  runtime: WooCommerceRuntimeOptions = {},
): ChannelConfig {
  const setup = toChannelSetup(form);
  return {
    name: form.name,
    connector: createWooCommerce(setup.settings, runtime),
    orders: setup.orders,
    inventory: setup.inventory,
  };
}
