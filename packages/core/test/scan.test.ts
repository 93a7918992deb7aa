import {
  createMemoryStore,
  createOmnisync,
  LeaseHeldError,
  type MemoryStore,
  OperationAbortedError,
  ScanFailedError,
  type ScanProgress,
  UnsupportedCapabilityError,
} from '@omnisync/core';
import { createMockChannel, createMockPos, type MockChannelOptions } from '@omnisync/mock';
import { describe, expect, it } from 'vitest';

const T0 = Date.parse('2026-11-01T00:00:00.000Z');

function setup(options: { channel?: MockChannelOptions; store?: MemoryStore; workerId?: string; scan?: object } = {}) {
  let now = T0;
  const clock = () => new Date(now);
  const channel = createMockChannel({
    channelId: 'shop',
    pageSize: 2,
    clock,
    listings: [
      { listingId: 'L1', sku: 'A-1', quantity: 3 },
      { listingId: 'L2', sku: 'B-2', quantity: 1, status: 'inactive' },
      { listingId: 'L3', sku: 'C-3', quantity: 0, status: 'archived' },
      { listingId: 'L4', sku: 'D-4', quantity: 7 },
      { listingId: 'L5', sku: 'E-5', quantity: 2 },
    ],
    ...options.channel,
  });
  const pos = createMockPos({ clock, items: [{ sku: 'A-1' }, { sku: 'B-2' }] });
  const store = options.store ?? createMemoryStore({ clock: () => now });
  const omni = createOmnisync({
    pos,
    channels: { shop: { connector: channel, scan: { overlapMs: 0, ...options.scan } } },
    store,
    clock,
    ...(options.workerId ? { workerId: options.workerId } : {}),
  });
  const snapshot = async () => {
    const page = await store.listListings({ tenantId: 'default', channelId: 'shop', limit: 1000 });
    return Object.fromEntries(page.items.map((l) => [l.key, l.status]));
  };
  return { omni, channel, pos, store, snapshot, advance: (ms: number) => (now += ms) };
}

describe('full scan', () => {
  it('reads active and inactive listings and marks the ones the channel no longer has as deleted', async () => {
    const { omni, channel, snapshot } = setup();
    const first = await omni.scan('shop', { type: 'full' });
    expect(first).toMatchObject({ type: 'full', outcome: 'ok', sweep: 'marked', total: 5 });
    expect(first.counts).toMatchObject({ pages: 3, listingsSeen: 5, listingsWritten: 5, deletedMarked: 0 });
    expect(await snapshot()).toEqual({ L1: 'live', L2: 'inactive', L3: 'archived', L4: 'live', L5: 'live' });

    channel.deleteListing({ listingId: 'L4' });
    const second = await omni.scan('shop', { type: 'full' });
    expect(second.counts.deletedMarked).toBe(1);
    expect(await snapshot()).toMatchObject({ L4: 'deleted', L5: 'live' });
  });

  it('marks nothing deleted and keeps the cursor when a page fails', async () => {
    const { omni, channel, snapshot } = setup();
    await omni.scan('shop', { type: 'full' });
    const before = await omni.lastScan('shop');
    channel.deleteListing({ listingId: 'L5' });
    const failing = omni.scan('shop', {
      type: 'full',
      onProgress: (p) => {
        if (p.pages === 1) channel.failNext({ kind: 'serverError', method: 'listListings', status: 503 });
      },
    });
    const error = await failing.catch((e: unknown) => e);
    expect(ScanFailedError.isInstance(error)).toBe(true);
    expect((error as ScanFailedError).details).toMatchObject({ causeCode: 'CHANNEL_UNAVAILABLE', pages: 1 });
    expect((await snapshot()).L5).toBe('live');
    const after = await omni.lastScan('shop');
    expect(after?.last).toMatchObject({ outcome: 'failed', error: { code: 'CHANNEL_UNAVAILABLE' } });
    expect(after?.lastSuccessful?.scanId).toBe(before?.last.scanId);
    expect(after?.updatedCursor).toBe(before?.updatedCursor);
  });

  it('marks nothing deleted and keeps the cursor when cancelled', async () => {
    const { omni, channel, snapshot, advance } = setup();
    await omni.scan('shop', { type: 'full' });
    const cursor = (await omni.lastScan('shop'))?.updatedCursor;
    channel.deleteListing({ listingId: 'L5' });
    advance(60_000);
    const job = await omni.startScan('shop', { type: 'full' });
    job.on('progress', () => job.cancel());
    const error = await job.done.catch((e: unknown) => e);
    expect(OperationAbortedError.isInstance(error)).toBe(true);
    expect((await snapshot()).L5).toBe('live');
    const last = await omni.lastScan('shop');
    expect(last?.last.outcome).toBe('cancelled');
    expect(last?.updatedCursor).toBe(cursor);
  });

  it('counts a rejected (malformed) listing, writes the others, and marks nothing deleted', async () => {
    const { omni, channel, snapshot } = setup();
    await omni.scan('shop');
    channel.deleteListing({ listingId: 'L5' });
    channel.corruptNext('listings');
    const report = await omni.scan('shop');
    expect(report.counts).toMatchObject({ malformed: 1, deletedMarked: 0 });
    expect(report.sweep).toBe('malformed');
    expect((await snapshot()).L5).toBe('live');
    expect((await omni.scan('shop')).counts.deletedMarked).toBe(1);
  });
});

describe('active, updated and single scans', () => {
  it('active reads live listings only and marks nothing deleted', async () => {
    const { omni, channel, snapshot } = setup();
    await omni.scan('shop', { type: 'full' });
    channel.deleteListing({ listingId: 'L1' });
    channel.setQuantity({ listingId: 'L4' }, 99);
    const report = await omni.scan('shop', { type: 'active' });
    expect(report.counts).toMatchObject({ listingsSeen: 2, deletedMarked: 0 });
    expect(report.sweep).toBe('not-full');
    expect(await snapshot()).toMatchObject({ L1: 'live', L2: 'inactive' });
  });

  it('updated runs as full the first time, then reads only what changed since the last scan', async () => {
    const { omni, channel, store, advance } = setup();
    advance(60_000);
    const first = await omni.scan('shop', { type: 'updated' });
    expect(first).toMatchObject({ type: 'full', requestedType: 'updated' });
    advance(60_000);
    channel.setQuantity({ listingId: 'L2' }, 42);
    const second = await omni.scan('shop', { type: 'updated' });
    expect(second).toMatchObject({ type: 'updated', since: first.startedAt });
    expect(second.counts.listingsWritten).toBe(1);
    expect((await store.getListing('default', 'shop', 'L2'))?.quantity).toBe(42);
  });

  it('updated filters a full read itself when the channel cannot filter by update time', async () => {
    const { omni, channel, advance } = setup({ channel: { capabilities: { updatedSinceListings: false } } });
    advance(60_000);
    await omni.scan('shop', { type: 'full' });
    advance(60_000);
    channel.changeSku({ listingId: 'L5' }, 'A-1');
    const report = await omni.scan('shop', { type: 'updated' });
    expect(report.counts).toMatchObject({ listingsSeen: 5, listingsWritten: 1, skipped: 4 });
  });

  it('updated starts before the last scan by the configured overlap', async () => {
    const { omni, advance } = setup({ scan: { overlapMs: 120_000 } });
    const first = await omni.scan('shop', { type: 'full' });
    advance(600_000);
    const report = await omni.scan('shop', { type: 'updated' });
    expect(report.since).toBe(new Date(Date.parse(first.startedAt) - 120_000).toISOString());
  });

  it('single reads one listing by SKU or id, and marks a listing the channel dropped as deleted', async () => {
    const { omni, channel, store, snapshot } = setup();
    await omni.scan('shop');
    channel.setQuantity({ listingId: 'L4' }, 11);
    const bySku = await omni.scan('shop', { type: 'single', sku: 'D-4' });
    expect(bySku).toMatchObject({ type: 'single', found: true, counts: { listingsWritten: 1 } });
    expect((await store.getListing('default', 'shop', 'L4'))?.quantity).toBe(11);
    channel.deleteListing({ listingId: 'L5' });
    const byId = await omni.scan('shop', { type: 'single', listingId: 'L5' });
    expect(byId.found).toBe(false);
    expect((await snapshot()).L5).toBe('deleted');
    expect(channel.callsTo('listListings').length).toBe(3);
  });

  it('refuses a single scan where the channel cannot read one listing', async () => {
    const { omni } = setup({ channel: { capabilities: { getListing: false } } });
    await expect(omni.scan('shop', { type: 'single', sku: 'A-1' })).rejects.toSatisfy((e: unknown) =>
      UnsupportedCapabilityError.isInstance(e),
    );
    expect(await omni.lastScan('shop')).toBeNull();
  });
});

describe('background scans', () => {
  it('reports progress per page, with the total, and announces completion', async () => {
    const { omni } = setup();
    const done: unknown[] = [];
    omni.on('scan:done', (e) => done.push(e));
    const job = await omni.startScan('shop', { type: 'full' });
    const seen: ScanProgress[] = [];
    job.on('progress', (p) => seen.push(p));
    const report = await job.done;
    expect(seen.map((p) => [p.pages, p.listingsSeen, p.total])).toEqual([
      [1, 2, 5],
      [2, 4, 5],
      [3, 5, 5],
    ]);
    expect(done).toEqual([expect.objectContaining({ scanId: report.scanId, channelId: 'shop', type: 'full' })]);
    expect(job.progress.pages).toBe(3);
  });

  it('announces a failure as an event a host can show', async () => {
    const { omni, channel } = setup();
    const failed: { error: { code: string } }[] = [];
    omni.on('scan:failed', (e) => failed.push(e));
    channel.failNext({ kind: 'rateLimit', method: 'listListings' });
    await omni.scan('shop').catch(() => {});
    expect(failed).toEqual([
      expect.objectContaining({ channelId: 'shop', error: expect.objectContaining({ code: 'CHANNEL_RATE_LIMITED' }) }),
    ]);
  });
});

describe('one scan per channel account', () => {
  it('joins a running scan in the same instance', async () => {
    const { omni } = setup({ channel: { faults: { latency: 5 } } });
    const [a, b] = await Promise.all([omni.scan('shop'), omni.scan('shop', { type: 'active' })]);
    expect(b.scanId).toBe(a.scanId);
    expect([a.joined, b.joined]).toEqual([false, true]);
  });

  it('refuses a scan from a second store client while the first holds the lease', async () => {
    const store = createMemoryStore();
    const first = setup({ store, workerId: 'worker-a', channel: { faults: { latency: 10 } } });
    const second = setup({ store, workerId: 'worker-b' });
    const job = await first.omni.startScan('shop', { type: 'full' });
    const refused = await second.omni.scan('shop', { type: 'full' }).catch((e: unknown) => e);
    expect(LeaseHeldError.isInstance(refused)).toBe(true);
    expect((refused as LeaseHeldError).key).toBe('scan:shop');
    await job.done;
    await expect(second.omni.scan('shop', { type: 'full' })).resolves.toMatchObject({ outcome: 'ok' });
  });
});

describe('stopping a scan', () => {
  it('cancels through the signal passed in', async () => {
    const { omni } = setup({ channel: { faults: { latency: 20 } } });
    const controller = new AbortController();
    const scanning = omni.scan('shop', { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(scanning).rejects.toSatisfy(OperationAbortedError.isInstance);
    expect(omni.runningScans()).toEqual([]);
  });

  it('stops before sweeping when its lease expired and another worker took it over', async () => {
    let now = T0;
    const store = createMemoryStore({ clock: () => now });
    const a = setup({ store, workerId: 'worker-a', scan: { leaseTtlMs: 1000 }, channel: { faults: { latency: 60 } } });
    await a.omni.scan('shop');
    a.channel.deleteListing({ listingId: 'L5' });
    const job = await a.omni.startScan('shop', { type: 'full' });
    now += 5000;
    const taken = await store.acquireLease({ tenantId: 'default', key: 'scan:shop', owner: 'worker-b', ttlMs: 60_000 });
    expect(taken?.owner).toBe('worker-b');
    const error = await job.done.catch((e: unknown) => e);
    expect((error as ScanFailedError).details.causeCode).toBe('LEASE_HELD');
    expect((await store.getListing('default', 'shop', 'L5'))?.status).toBe('live');
    expect((await a.omni.lastScan('shop'))?.last.outcome).toBe('ok');
  });
});

describe('a catalog that changes during the scan', () => {
  it('survives listings edited while it pages through, deleting nothing that exists', async () => {
    const { omni, channel, snapshot } = setup({ channel: { faults: { listingChangedDuringScan: 1 } } });
    const report = await omni.scan('shop', { type: 'full' });
    expect(report.outcome).toBe('ok');
    expect(channel.faultLog.some((f) => f.kind === 'listingChanged')).toBe(true);
    expect(Object.values(await snapshot())).not.toContain('deleted');
  });

  it('checks unseen listings before marking them when offset pages skipped one', async () => {
    const { omni, channel, snapshot } = setup();
    await omni.scan('shop', { type: 'full' });
    channel.setFaults({ catalogShift: { rate: 1, kind: 'skip' } });
    const report = await omni.scan('shop', { type: 'full' });
    channel.setFaults({});
    expect(report.sweep).toBe('verified');
    const truth = Object.fromEntries(channel.listings().map((l) => [l.listingId, l.status]));
    const snap = await snapshot();
    for (const [key, status] of Object.entries(snap)) if (status === 'deleted') expect(truth[key]).toBe('deleted');
    for (const [key, status] of Object.entries(truth)) if (status !== 'deleted') expect(snap[key]).not.toBe('deleted');
  });

  it('marks nothing when pages skipped and the channel cannot check single listings', async () => {
    const { omni, channel } = setup({ channel: { capabilities: { getListing: false } } });
    await omni.scan('shop', { type: 'full' });
    channel.setFaults({ catalogShift: { rate: 1, kind: 'skip' } });
    const report = await omni.scan('shop', { type: 'full' });
    expect(report).toMatchObject({ sweep: 'catalog-moved', counts: { deletedMarked: 0 } });
    const notices = await omni.actions({ outcome: 'notice' });
    expect(notices.items.map((a) => a.action)).toContain('notice:scan-deletions-skipped');
  });
});
