import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOmnisync } from '@omnisync/core';
import { createSqliteStore } from '@omnisync/store-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { cafeOrder, catalogPos, MENU, manualClock, targetPos } from './__fixtures__/export-fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('order export on a SQLite file', () => {
  it('survives a restart after a lost answer: the next process retries with the same key, the POS keeps one order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnisync-export-'));
    dirs.push(dir);
    const path = join(dir, 'store.db');
    const clock = manualClock();
    const target = targetPos('kasir');
    const open = async (workerId: string) => {
      const store = await createSqliteStore({ path, clock: clock.ms });
      const omni = createOmnisync({
        pos: catalogPos(MENU),
        channels: {},
        store,
        workerId,
        clock: clock.now,
        export: { locations: { 'kyiv-1': { pos: target.pos, autoExport: true } } },
      });
      return { store, omni };
    };

    const before = await open('before-crash');
    target.failNext('timeout-after-write'); // the POS created the order; its answer never came back
    const accepted = await before.omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' });
    expect(accepted.export).toMatchObject({ status: 'failed' });
    await before.omni.close();
    await before.store.close(); // the process goes away

    clock.advance(10_000);
    const after = await open('after-restart');
    expect(await after.omni.runExportRetries()).toMatchObject({ claimed: 1, exported: 1 });
    await after.omni.acceptOrder(cafeOrder(), { locationId: 'kyiv-1' }); // and a late duplicate
    expect(target.sales.size).toBe(1);
    const history = await after.omni.exportHistory({ channelId: 'dots', externalId: '1001' });
    expect(history.map((h) => [h.action, h.outcome, h.attempt])).toEqual([
      ['export:attempt', 'error', 1],
      ['export:attempt', 'ok', 2],
      ['export:skipped', 'skipped', null],
    ]);
    await after.omni.close();
    await after.store.close();
  });
});
