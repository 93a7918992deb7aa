import type { CallOptionsV1, Notice } from '@omnisync/core';
import { paginatePages } from '@omnisync/core/http';
import { z } from 'zod';
import { WooWebhook } from './woocommerce-api';
import { totalsOf, type WooCommerceApi } from './woocommerce-client';
import type { WooCommerceSettings } from './woocommerce-settings';

/** A webhook registered on the store. */
export interface WooCommerceWebhookInfo {
  id: string;
  name: string | null;
  topic: string | null;
  /** `active` delivers; `paused` was stopped by an admin; `disabled` was stopped by WooCommerce after failed deliveries. */
  status: string;
  deliveryUrl: string | null;
}

/** A notice for the engine's `notice` event (`ctx.notice(...)` adds the time). */
export type WooCommerceNotice = Omit<Notice, 'at'>;

/** What `checkWebhooks` found. */
export interface WooCommerceWebhookCheck {
  webhooks: WooCommerceWebhookInfo[];
  /** Webhooks WooCommerce disabled after more than five failed deliveries. */
  disabled: WooCommerceWebhookInfo[];
  /** One `webhook-disabled` notice per disabled webhook, ready to hand to the host. */
  notices: WooCommerceNotice[];
}

/** What `repairWebhooks` did. */
export interface WooCommerceWebhookRepair extends WooCommerceWebhookCheck {
  /** The disabled webhooks set back to `active`. */
  reactivated: WooCommerceWebhookInfo[];
}

/** The webhook health methods the connector adds beside the specification. */
export interface WooCommerceWebhookHealth {
  listWebhooks(options?: CallOptionsV1): Promise<WooCommerceWebhookInfo[]>;
  checkWebhooks(options?: CallOptionsV1): Promise<WooCommerceWebhookCheck>;
  reactivateWebhook(id: string, options?: CallOptionsV1): Promise<WooCommerceWebhookInfo>;
  repairWebhooks(options?: CallOptionsV1): Promise<WooCommerceWebhookRepair>;
}

/**
 * WooCommerce disables a webhook after five consecutive failed deliveries
 * and never retries it. These methods find such webhooks, describe them as
 * notices, and set them back to `active`; order polling covers what was
 * missed while they were off.
 */
export function createWooWebhookHealth(api: WooCommerceApi, settings: WooCommerceSettings): WooCommerceWebhookHealth {
  const listWebhooks = async (options: CallOptionsV1 = {}) => {
    const out: WooCommerceWebhookInfo[] = [];
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-webhooks
    const pages = paginatePages<WooWebhook>({
      signal: options.signal,
      fetchPage: async (page, signal) => {
        const response = await api.call({
          path: '/webhooks',
          query: { page, per_page: settings.pageSize },
          schema: z.array(WooWebhook),
          priority: options.priority ?? 'orders',
          signal,
        });
        return { items: response.data, ...totalsOf(response.headers) };
      },
    });
    for await (const page of pages) out.push(...page.items.map(infoOf));
    return out;
  };
  const checkWebhooks = async (options: CallOptionsV1 = {}) => {
    const webhooks = await listWebhooks(options);
    const disabled = webhooks.filter((w) => w.status === 'disabled');
    return { webhooks, disabled, notices: disabled.map((w) => noticeFor(w, settings.channelId)) };
  };
  const reactivateWebhook = async (id: string, options: CallOptionsV1 = {}) => {
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#update-a-webhook
    const response = await api.call({
      method: 'PUT',
      path: '/webhooks/{id}',
      params: { id },
      json: { status: 'active' },
      schema: WooWebhook,
      priority: options.priority ?? 'orders',
      signal: options.signal,
      idempotent: true,
    });
    return infoOf(response.data);
  };
  return {
    listWebhooks,
    checkWebhooks,
    reactivateWebhook,
    async repairWebhooks(options = {}) {
      const check = await checkWebhooks(options);
      const reactivated: WooCommerceWebhookInfo[] = [];
      for (const webhook of check.disabled) reactivated.push(await reactivateWebhook(webhook.id, options));
      return { ...check, reactivated };
    },
  };
}

function infoOf(webhook: WooWebhook): WooCommerceWebhookInfo {
  return {
    id: String(webhook.id),
    name: webhook.name ?? null,
    topic: webhook.topic ?? null,
    status: webhook.status,
    deliveryUrl: webhook.delivery_url ?? null,
  };
}

function noticeFor(webhook: WooCommerceWebhookInfo, channelId: string): WooCommerceNotice {
  return {
    kind: 'webhook-disabled',
    channelId,
    message:
      `WooCommerce disabled the webhook "${webhook.name ?? webhook.topic ?? webhook.id}" (${webhook.topic ?? 'unknown topic'}) ` +
      'after repeated failed deliveries. Orders are still downloaded by polling; re-activate it once the receiving URL answers 2xx.',
    subject: { type: 'webhook', id: webhook.id },
    details: { topic: webhook.topic, deliveryUrl: webhook.deliveryUrl },
  };
}
