import { requirePosCapability } from '../../connector/require-capability';
import type { WebhookRequestV1 } from '../../connector/v1/channel-connector-v1';
import type { PosSaleStatus, PosWebhookEventV1 } from '../../connector/v1/pos-connector-v1';
import { InvalidArgumentError } from '../../errors/errors';
import { appendExportAction } from './export-history';
import {
  type ExportRecord,
  type OrderRef,
  orderKey,
  patchExportRecord,
  readExportRecord,
  readSaleIndex,
} from './export-record';
import { type ExportRuntime, getLocation } from './export-runtime';

/** A POS status update applied to an exported order. */
export interface PosStatusUpdate extends OrderRef {
  saleId: string;
  posStatus: PosSaleStatus;
}

/**
 * Feed a POS webhook delivery (e.g. Poster's `incoming_order` changed, or a
 * webhook POS's status callback) to the export: the location's connector
 * verifies it (or throws `WebhookSignatureError`) and each `sale.status` event
 * updates the order's export record and history. Events for sales omnisync
 * did not export are returned with no order and change nothing.
 */
export async function handlePosWebhook(
  rt: ExportRuntime,
  locationId: string,
  request: WebhookRequestV1,
): Promise<{ events: PosWebhookEventV1[]; updates: PosStatusUpdate[] }> {
  const location = getLocation(rt, locationId);
  const events = await requirePosCapability(location.pos, 'webhooks').parseWebhook(request);
  const updates: PosStatusUpdate[] = [];
  for (const event of events) {
    if (event.type !== 'sale.status') continue;
    const ref = await readSaleIndex(rt.ctx.store, rt.ctx.tenantId, locationId, event.saleId);
    const record = ref ? await readExportRecord(rt.ctx.store, rt.ctx.tenantId, ref) : null;
    if (!record) continue;
    await applyPosStatus(rt, record, event.status, 'webhook');
    updates.push({
      channelId: record.channelId,
      externalId: record.externalId,
      saleId: event.saleId,
      posStatus: event.status,
    });
  }
  return { events, updates };
}

/** Read an exported order's status back from the POS (`getSale` capability) and record it. */
export async function refreshExportStatus(
  rt: ExportRuntime,
  ref: OrderRef,
  signal?: AbortSignal,
): Promise<PosSaleStatus> {
  const record = await readExportRecord(rt.ctx.store, rt.ctx.tenantId, ref);
  if (!record?.saleId) throw new InvalidArgumentError(`Order ${orderKey(ref)} has not been exported yet.`);
  const pos = requirePosCapability(getLocation(rt, record.locationId).pos, 'getSale');
  const sale = await pos.getSale({ saleId: record.saleId }, { signal });
  if (!sale) throw new InvalidArgumentError(`The POS no longer knows sale ${record.saleId} of order ${orderKey(ref)}.`);
  if (sale.status !== record.posStatus) await applyPosStatus(rt, record, sale.status, 'read-back');
  return sale.status;
}

async function applyPosStatus(
  rt: ExportRuntime,
  record: ExportRecord,
  posStatus: PosSaleStatus,
  via: 'webhook' | 'read-back',
): Promise<void> {
  const at = rt.ctx.now().toISOString();
  await rt.ctx.store.transaction(async (tx) => {
    await patchExportRecord(tx, rt.ctx.tenantId, record, { posStatus, updatedAt: at });
    await appendExportAction(tx, rt.ctx.tenantId, record, {
      at,
      action: 'export:pos-status',
      outcome: posStatus === 'rejected' || posStatus === 'cancelled' ? 'notice' : 'ok',
      message: `The POS reports sale ${record.saleId} as "${posStatus}" (${via}).`,
      attempt: null,
      request: null,
      result: { saleId: record.saleId ?? '', posStatus },
      error: null,
    });
  });
}
