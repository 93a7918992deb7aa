import { createOmnisync, type PosConnectorV1, WebhookSignatureError } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { cafeOrder, catalogPos, MENU, targetPos } from './__fixtures__/export-fixtures';

describe('menu drift', () => {
  it('sorts catalog products and modifiers into unmapped, unknown in the POS, and price differs', async () => {
    const posMenu = [
      {
        id: 'P-10',
        sku: null,
        name: 'Latte',
        price: { amount: '37000', currency: 'IDR' },
        modifiers: [{ id: 'M-9', name: 'Soy milk', price: { amount: '5000', currency: 'IDR' } }],
        updatedAt: '2026-11-01T00:00:00Z',
      },
      {
        id: 'P-20',
        sku: null,
        name: 'Croissant',
        price: { amount: '25000.00', currency: 'IDR' },
        updatedAt: '2026-11-01T00:00:00Z',
      },
    ];
    const target = targetPos('kasir', posMenu);
    const omni = createOmnisync({
      pos: catalogPos(MENU),
      channels: {},
      export: { locations: { 'kyiv-1': { pos: target.pos } } },
    });
    const report = await omni.menuDrift('kyiv-1');
    expect(report.counts).toEqual({ products: 3, modifiers: 2, unmapped: 2, unknownInPos: 1, priceDiffers: 1 });
    expect(report.tabs.unmapped.map((e) => e.name)).toEqual(['Latte / Extra shot', 'Cheesecake']);
    expect(report.tabs.unknownInPos).toMatchObject([{ kind: 'modifier', name: 'Latte / Oat milk', externalId: 'M-1' }]);
    expect(report.tabs.priceDiffers).toMatchObject([
      { kind: 'product', externalId: 'P-10', catalogPrice: { amount: '35000' }, posPrice: { amount: '37000' } },
    ]);
  });
});

describe('POS status coming back', () => {
  function webhookTarget(): PosConnectorV1 {
    const base = targetPos('kasir').pos;
    return {
      ...base,
      capabilities: { ...base.capabilities, webhooks: true },
      async parseWebhook(request) {
        if (request.headers['x-good'] !== 'yes') throw new WebhookSignatureError('kasir', 'bad signature');
        const body = JSON.parse(String(request.rawBody)) as { saleId: string; status: 'accepted' | 'rejected' };
        return [{ type: 'sale.status', saleId: body.saleId, status: body.status }];
      },
    };
  }

  it('applies a verified POS webhook to the exported order, and refuses a forged one', async () => {
    const omni = createOmnisync({
      pos: catalogPos(MENU),
      channels: {},
      export: { locations: { 'kyiv-1': { pos: webhookTarget(), autoExport: true } } },
    });
    await omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    const rawBody = JSON.stringify({ saleId: 'S1', status: 'rejected' });
    await expect(omni.handlePosWebhook('kyiv-1', { headers: {}, rawBody })).rejects.toThrow(WebhookSignatureError);
    const { updates } = await omni.handlePosWebhook('kyiv-1', { headers: { 'x-good': 'yes' }, rawBody });
    expect(updates).toEqual([{ channelId: 'dots', externalId: '1001', saleId: 'S1', posStatus: 'rejected' }]);
    const ref = { channelId: 'dots', externalId: '1001' };
    expect((await omni.exportStatus(ref))?.posStatus).toBe('rejected');
    expect((await omni.exportHistory(ref)).at(-1)).toMatchObject({ action: 'export:pos-status', outcome: 'notice' });
  });
});
