import type { ItemIndex } from '../matching/item-index';
import { loadItemIndex } from '../matching/load-item-index';
import type { ChannelRuntime } from '../omnisync/channel-config';
import type { EngineContext } from '../omnisync/engine-context';
import type { CommitBatch } from './commit-order';
import { type OrderImportRules, parseOrderImportRules } from './import-rules';
import { type RetryPolicy, retryPolicy } from './retry';

/** How long a worker's claim on one order lasts before another worker may resume it (a crash). */
export const ORDER_CLAIM_TTL_MS = 60_000;
/** How long an item index loaded for webhooks is reused. Downloads and reconciliation load a fresh one. */
const INDEX_TTL_MS = 30_000;

/** What one batch of order work shares: the POS items indexed for matching and the POS's currencies. */
export interface ImportSession {
  index: ItemIndex;
  allowedCurrencies: readonly string[] | null;
  signal?: AbortSignal;
  retry: RetryPolicy;
  /** Inside a download page: the page's commits, written together (see `CommitBatch`). */
  batch?: CommitBatch;
}

/** The orders feature's state over the engine context: parsed rules per channel, caches. */
export interface OrdersEnv {
  readonly ctx: EngineContext;
  rulesOf(channelId: string): OrderImportRules;
  channel(channelId: string): ChannelRuntime;
  /** Open a session; `fresh` reloads the POS items, else a recent index is reused. */
  session(options: { fresh: boolean; signal?: AbortSignal; retry?: RetryPolicy }): Promise<ImportSession>;
}

/**
 * Build the orders environment: every channel's import rules are parsed now,
 * so a bad rule fails `createOmnisync` with `InvalidSettingsError` naming
 * `channels.<id>.orders.<path>`.
 */
export function createOrdersEnv(ctx: EngineContext): OrdersEnv {
  const rules = new Map<string, OrderImportRules>();
  for (const [id, runtime] of ctx.channels) rules.set(id, parseOrderImportRules(id, runtime.config.orders));
  let cached: { index: ItemIndex; currencies: readonly string[] | null; at: number } | null = null;

  return {
    ctx,
    rulesOf(channelId) {
      ctx.channel(channelId);
      return rules.get(channelId) as OrderImportRules;
    },
    channel: (channelId) => ctx.channel(channelId),
    async session({ fresh, signal, retry }) {
      const now = ctx.now().getTime();
      if (fresh || !cached || now - cached.at > INDEX_TTL_MS) {
        const [index, currencies] = await Promise.all([
          loadItemIndex(ctx, signal),
          ctx.pos.allowedCurrencies ? ctx.pos.allowedCurrencies() : Promise.resolve(null),
        ]);
        cached = { index, currencies, at: now };
      }
      return { index: cached.index, allowedCurrencies: cached.currencies, signal, retry: retry ?? retryPolicy() };
    },
  };
}
