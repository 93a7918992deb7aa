import type { PosItem } from '../model/pos-item';
import type { EngineContext } from '../omnisync/engine-context';
import { buildItemIndex, type ItemIndex } from './item-index';

/** Read every POS item and the store's mappings, and index them for matching. */
export async function loadItemIndex(ctx: EngineContext, signal?: AbortSignal): Promise<ItemIndex> {
  const items: PosItem[] = [];
  for await (const page of ctx.pos.listItems({ signal })) items.push(...page.items);
  const mappings = await ctx.store.listMappings(ctx.tenantId);
  return buildItemIndex(items, mappings, ctx.matching);
}
