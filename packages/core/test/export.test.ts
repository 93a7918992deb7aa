import {
  createMemoryStore,
  createOmnisync,
  ExportFailedError,
  ExportPreflightError,
  type ExportSettingsInput,
  runHooks,
  StatusChangeRefusedError,
} from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { cafeOrder, catalogPos, engineContext, MENU, manualClock, targetPos } from './__fixtures__/export-fixtures';

function setup(
  settings: Partial<ExportSettingsInput['locations'][string]> = {},
  extra: Partial<ExportSettingsInput> = {},
) {
  const clock = manualClock();
  const store = createMemoryStore({ clock: clock.ms });
  const target = targetPos('kasir');
  const omni = createOmnisync({
    pos: catalogPos(MENU),
    channels: {},
    store,
    clock: clock.now,
    export: { locations: { 'kyiv-1': { pos: target.pos, autoExport: true, ...settings } }, ...extra },
  });
  return { omni, target, clock, store };
}

const ref = { channelId: 'dots', externalId: '1001' };

describe('order export: acceptance', () => {
  it('exports an accepted order at once when auto-export is on, with the POS ids of products and modifiers', async () => {
    const { omni, target } = setup();
    const result = await omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    expect(result.export).toMatchObject({ status: 'exported', saleId: 'S1', attempts: 1 });
    const [received] = [...target.sales.values()];
    expect(received!.args.itemIds).toEqual({ l1: 'P-10', l2: 'P-20' });
    expect(received!.order.lines[0]!.modifiers[0]!.externalId).toBe('M-1');
    expect(received!.args.locationId).toBe('kyiv-1');
    const history = await omni.exportHistory(ref);
    expect(history.map((h) => [h.action, h.outcome])).toEqual([['export:attempt', 'ok']]);
    expect(history[0]!.request).toMatchObject({
      connector: 'kasir',
      locationId: 'kyiv-1',
      lines: [
        { lineId: 'l1', productId: 'P-10', quantity: 2, modifierIds: ['M-1'] },
        { lineId: 'l2', productId: 'P-20', quantity: 1, modifierIds: [] },
      ],
    });
    expect(JSON.stringify(history)).not.toContain('dewi@example.com');
  });

  it('leaves an accepted order for a manual export when auto-export is off, and says so in the history', async () => {
    const { omni, target } = setup({ autoExport: false });
    const result = await omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    expect(result.export).toBeNull();
    expect(target.calls).toBe(0);
    expect((await omni.exportStatus(ref))?.state).toBe('accepted');
    const exported = await omni.exportOrder(cafeOrder(), { locationId: 'kyiv-1' });
    expect(exported.status).toBe('exported');
    expect(target.sales.size).toBe(1);
  });

  it('exports on the orders feature acceptance hook when auto-export is on, and only notes it when off', async () => {
    for (const autoExport of [true, false]) {
      const clock = manualClock();
      const target = targetPos('kasir');
      const ctx = engineContext(
        {
          pos: catalogPos(MENU),
          channels: {},
          export: { locations: { 'kyiv-1': { pos: target.pos, autoExport, channels: ['dots'] } } },
        },
        clock.now,
      );
      const { createExportApi } = await import('@omnisync/core');
      const api = createExportApi(ctx);
      const order = { ...cafeOrder(), status: 'accepted' as const };
      await runHooks(ctx.hooks.orderStatusChanged, {
        channelId: 'dots',
        order,
        from: 'unpaid',
        to: 'accepted',
        saleId: null,
      });
      expect(target.sales.size).toBe(autoExport ? 1 : 0);
      const history = await api.exportHistory(ref);
      expect(history.at(-1)!.action).toBe(autoExport ? 'export:attempt' : 'export:skipped');
      if (!autoExport) expect(history.at(-1)!.message).toMatch(/auto-sync on acceptance is off/);
    }
  });

  it('does not export a duplicate acceptance twice, even when the duplicates arrive together', async () => {
    const { omni, target } = setup();
    await Promise.all([1, 2, 3].map(() => omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' })));
    await omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    await omni.exportOrder(cafeOrder(), { locationId: 'kyiv-1' });
    expect(target.calls).toBe(1);
    expect(target.sales.size).toBe(1);
    const history = await omni.exportHistory(ref);
    expect(history.filter((h) => h.action === 'export:attempt')).toHaveLength(1);
    expect(history.filter((h) => h.action === 'export:skipped').length).toBeGreaterThanOrEqual(2);
  });
});

describe('order export: concurrent duplicates', () => {
  it('sends one request when duplicate acceptances race a slow POS, and keeps the order exported', async () => {
    const { omni, target } = setup();
    const createSale = target.pos.createSale;
    target.pos.createSale = async (order, args) => {
      await new Promise((r) => setTimeout(r, 5));
      return createSale(order, args);
    };
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map(async (n) => {
        await new Promise((r) => setTimeout(r, n * 2));
        return omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
      }),
    );
    expect(results.filter((r) => r.export?.status === 'exported')).toHaveLength(1);
    expect(target.calls).toBe(1);
    expect((await omni.exportStatus(ref))?.state).toBe('exported');
  });
});

describe('order export: pre-flight', () => {
  it('names every product and modifier without an external id, and sends nothing', async () => {
    const { omni, target } = setup();
    const order = cafeOrder('1002');
    order.lines[0]!.modifiers.push({ externalId: 'shot', name: 'Extra shot', quantity: 1, unitPrice: '6000' });
    order.lines[0]!.modifiers.push({ externalId: null, name: 'Caramel', quantity: 1, unitPrice: '3000' });
    order.lines.push({ ...order.lines[1]!, lineId: 'l3', sku: 'CAKE', title: 'Cheesecake' });
    order.lines.push({ ...order.lines[1]!, lineId: 'l4', sku: 'GONE', title: 'Old special' });
    const error = await omni.exportOrder(order, { locationId: 'kyiv-1' }).catch((e: unknown) => e);
    expect(ExportPreflightError.isInstance(error)).toBe(true);
    const e = error as ExportPreflightError;
    expect(e.code).toBe('EXPORT_PREFLIGHT');
    expect(e.missing.map((m) => [m.lineId, m.kind, m.reason, m.name])).toEqual([
      ['l1', 'modifier', 'no-external-id', 'Extra shot'],
      ['l1', 'modifier', 'unknown-modifier', 'Caramel'],
      ['l3', 'product', 'no-external-id', 'Cheesecake'],
      ['l4', 'product', 'unknown-item', 'Old special'],
    ]);
    for (const name of ['Extra shot', 'Caramel', 'Cheesecake', 'Old special']) expect(e.message).toContain(name);
    expect(target.calls).toBe(0);
    const [entry] = await omni.exportHistory({ channelId: 'dots', externalId: '1002' });
    expect(entry).toMatchObject({ action: 'export:preflight', outcome: 'error', error: { code: 'EXPORT_PREFLIGHT' } });
  });

  it('re-reads a cached catalog before failing, so an id added a moment ago is found', async () => {
    const catalog = catalogPos(MENU);
    const target = targetPos('kasir');
    const omni = createOmnisync({
      pos: catalog,
      channels: {},
      export: { locations: { 'kyiv-1': { pos: target.pos } }, catalogCacheMs: 60_000 },
    });
    await omni.exportOrder(cafeOrder('2001'), { locationId: 'kyiv-1' });
    catalog.items[2]!.externalIds.kasir = 'P-30'; // the cheesecake gets its POS id
    const order = cafeOrder('2002');
    order.lines[1] = { ...order.lines[1]!, sku: 'CAKE', title: 'Cheesecake' };
    await omni.exportOrder(order, { locationId: 'kyiv-1' });
    expect([...target.sales.values()][1]!.args.itemIds).toEqual({ l1: 'P-10', l2: 'P-30' });
  });

  it('uses a store mapping where the catalog item has no id for the POS', async () => {
    const { omni, target, store } = setup();
    await store.putMapping({
      tenantId: 'default',
      targetId: 'kasir',
      itemId: 'cake',
      modifierId: null,
      externalId: 'P-30',
    });
    await store.putMapping({
      tenantId: 'default',
      targetId: 'kasir',
      itemId: 'latte',
      modifierId: 'shot',
      externalId: 'M-2',
    });
    const order = cafeOrder('1003');
    order.lines[0]!.modifiers.push({ externalId: 'shot', name: 'Extra shot', quantity: 1, unitPrice: '6000' });
    order.lines[1] = { ...order.lines[1]!, sku: 'CAKE', title: 'Cheesecake' };
    await omni.exportOrder(order, { locationId: 'kyiv-1' });
    const [received] = [...target.sales.values()];
    expect(received!.args.itemIds).toEqual({ l1: 'P-10', l2: 'P-30' });
    expect(received!.order.lines[0]!.modifiers.map((m) => m.externalId)).toEqual(['M-1', 'M-2']);
  });
});

describe('order export: failures and retries', () => {
  it('records a 5xx in the history, retries it through the outbox, and ends with exactly one order in the POS', async () => {
    const { omni, target, clock } = setup();
    target.failNext('503');
    const accepted = await omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    expect(accepted.export).toMatchObject({ status: 'failed', retryAt: '2026-11-24T10:00:05.000Z' });
    expect(await omni.runExportRetries()).toMatchObject({ claimed: 0 });
    clock.advance(5_000);
    expect(await omni.runExportRetries()).toMatchObject({ claimed: 1, exported: 1 });
    expect(await omni.runExportRetries()).toMatchObject({ claimed: 0 });
    expect(target.sales.size).toBe(1);
    const history = await omni.exportHistory(ref);
    expect(history.map((h) => [h.action, h.outcome, h.attempt])).toEqual([
      ['export:attempt', 'error', 1],
      ['export:attempt', 'ok', 2],
    ]);
    expect(history[0]!.error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', retryable: true });
    expect(history[0]!.request!.idempotencyKey).toBe(history[1]!.request!.idempotencyKey);
  });

  it('retries a timeout whose sale did reach the POS with the same idempotency key, so the POS keeps one order', async () => {
    const { omni, target } = setup();
    target.failNext('timeout-after-write');
    const error = await omni.exportOrder(cafeOrder(), { locationId: 'kyiv-1' }).catch((e: unknown) => e);
    expect(ExportFailedError.isInstance(error) && error.retryable).toBe(true);
    const retried = await omni.retryExport(ref);
    expect(retried).toMatchObject({ status: 'exported', saleId: 'S1', attempts: 2 });
    expect(target.calls).toBe(2);
    expect(target.sales.size).toBe(1);
    // The retry the outbox still holds finds the order exported and sends nothing.
    await omni.runExportRetries();
    expect(target.calls).toBe(2);
  });

  it('does not retry a refusal that retrying cannot fix', async () => {
    const { omni, target, store } = setup();
    target.failNext('422');
    const error = (await omni
      .exportOrder(cafeOrder(), { locationId: 'kyiv-1' })
      .catch((e: unknown) => e)) as ExportFailedError;
    expect(error.retryable).toBe(false);
    expect(error.retryAt).toBeNull();
    expect(await store.listOutbox({ tenantId: 'default', topic: 'export' })).toHaveLength(0);
  });

  it('gives up after maxAttempts with a notice, and a manual retry still works', async () => {
    const { omni, target, clock } = setup({}, { maxAttempts: 2, retryBackoffMs: 1000 });
    const notices: string[] = [];
    omni.on('notice', (n) => notices.push(n.kind));
    target.failNext('503', '503');
    await omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    clock.advance(1000);
    expect(await omni.runExportRetries()).toMatchObject({ claimed: 1, gaveUp: 1 });
    expect(notices).toContain('export-failed');
    expect((await omni.exportStatus(ref))?.attempts).toBe(2);
    expect((await omni.retryExport(ref)).status).toBe('exported');
    expect(target.sales.size).toBe(1);
  });
});

describe('order export: moving an order to another location', () => {
  function twoLocations() {
    const a = targetPos('kasir');
    const b = targetPos('kasir');
    const omni = createOmnisync({
      pos: catalogPos(MENU),
      channels: {},
      export: { locations: { a: { pos: a.pos }, b: { pos: b.pos } } },
    });
    return { omni, a, b };
  }

  it('allows it after a refusal, when the first POS surely holds nothing', async () => {
    const { omni, a, b } = twoLocations();
    a.failNext('422');
    await expect(omni.exportOrder(cafeOrder(), { locationId: 'a' })).rejects.toThrow(ExportFailedError);
    expect((await omni.exportOrder(cafeOrder(), { locationId: 'b' })).status).toBe('exported');
    expect([a.sales.size, b.sales.size]).toEqual([0, 1]);
  });

  it('refuses it while the first POS may hold the order (outcome unknown)', async () => {
    const { omni, a, b } = twoLocations();
    a.failNext('timeout-after-write');
    await expect(omni.exportOrder(cafeOrder(), { locationId: 'a' })).rejects.toThrow(ExportFailedError);
    await expect(omni.exportOrder(cafeOrder(), { locationId: 'b' })).rejects.toThrow(/already sent to location "a"/);
    expect(b.calls).toBe(0);
  });
});

describe('order export: status guard', () => {
  it('refuses a status change after export with a clear error, and records the refusal', async () => {
    const { omni } = setup();
    await omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    const error = await omni.changeOrderStatus(cafeOrder(), 'cancelled').catch((e: unknown) => e);
    expect(StatusChangeRefusedError.isInstance(error)).toBe(true);
    const e = error as StatusChangeRefusedError;
    expect(e.code).toBe('STATUS_CHANGE_REFUSED');
    expect(e.message).toMatch(/from "accepted" to "cancelled".*exported to kyiv-1 \(kasir\) as sale S1.*POS terminal/);
    await expect(omni.assertStatusChangeAllowed(ref, 'completed')).rejects.toThrow(StatusChangeRefusedError);
    expect((await omni.exportHistory(ref)).at(-1)).toMatchObject({ action: 'status:refused', outcome: 'error' });
    // Allowed: the same status, and what the POS itself reports.
    await omni.changeOrderStatus(cafeOrder(), 'accepted');
    await omni.changeOrderStatus(cafeOrder(), 'completed', { source: 'pos' });
  });

  it('allows a status change before export, and the statuses a location allows after it', async () => {
    const { omni } = setup({ autoExport: false, statusesAllowedAfterExport: ['completed'] });
    await omni.changeOrderStatus(cafeOrder(), 'on_hold', { locationId: 'kyiv-1' });
    await omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    await omni.exportOrder(cafeOrder(), { locationId: 'kyiv-1' });
    await omni.changeOrderStatus(cafeOrder(), 'completed');
    await expect(omni.changeOrderStatus(cafeOrder(), 'cancelled')).rejects.toThrow(/desynchronise the POS/);
  });
});

describe('order export: a slow POS', () => {
  it('keeps the order leased while a slow attempt runs, so a duplicate does not start a second one', async () => {
    const { omni, target, clock } = setup({}, { leaseMs: 30 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const createSale = target.pos.createSale;
    target.pos.createSale = async (order, args) => {
      await gate;
      return createSale(order, args);
    };
    const first = omni.exportOrder(cafeOrder(), { locationId: 'kyiv-1' });
    await new Promise((r) => setTimeout(r, 5));
    clock.advance(60_000); // far past the lease, as if the POS took a minute
    await new Promise((r) => setTimeout(r, 25)); // the renewal timer runs
    expect(await omni.exportOrder(cafeOrder(), { locationId: 'kyiv-1' })).toMatchObject({ status: 'in-progress' });
    release();
    expect(await first).toMatchObject({ status: 'exported' });
    expect(target.calls).toBe(1);
  });
});

describe('order export: settings', () => {
  it('names an unknown location and a missing export configuration', async () => {
    const { omni } = setup();
    await expect(omni.exportOrder(cafeOrder(), { locationId: 'lviv' })).rejects.toThrow(
      /No export location "lviv".*kyiv-1/,
    );
    const two = createOmnisync({
      pos: catalogPos(MENU),
      channels: {},
      export: { locations: { a: { pos: targetPos().pos }, b: { pos: targetPos().pos } } },
    });
    await expect(two.acceptOrder(cafeOrder())).rejects.toThrow(/names no export location.*known: a, b/);
    const bare = createOmnisync({ pos: catalogPos(MENU), channels: {} });
    await expect(bare.exportOrder(cafeOrder())).rejects.toThrow(/Order export is not configured/);
  });

  it('refuses settings without a POS connector, naming the path', () => {
    expect(() =>
      createOmnisync({ pos: catalogPos(MENU), channels: {}, export: { locations: { a: { pos: {} as never } } } }),
    ).toThrow(/locations\.a\.pos/);
  });
});
