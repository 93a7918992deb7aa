import { pathToFileURL } from 'node:url';
import { generateWebhookSecret } from '@omnisync/webhook';
import { startKitchenPos } from './kitchen-pos';
import { sampleOrder, startPlatform } from './platform';

/**
 * The ordering-platform flow, end to end: an order is accepted while the POS
 * is restarting (auto-export fails, the failure is in the action history),
 * the retry succeeds once the POS is back (one ticket in the POS), the
 * cashier's acceptance comes back through a signed callback, and a status
 * change after export is refused.
 */
export async function runOrderingPlatformDemo(log: (line: string) => void = console.log) {
  const secret = generateWebhookSecret();
  const pos = await startKitchenPos(secret);
  const platform = await startPlatform(pos, secret);
  const { omni } = platform;
  const order = sampleOrder();
  const ref = { channelId: order.channelId, externalId: order.externalId };
  try {
    pos.setDown(true);
    const accepted = await omni.acceptOrder(order, { locationId: 'kyiv-podil' });
    log(`accepted order ${order.number}; auto-export: ${accepted.export?.status}`);

    pos.setDown(false);
    await new Promise((r) => setTimeout(r, 250)); // the retry becomes due (retryBackoffMs: 200)
    const retries = await omni.runExportRetries();
    log(`retries: ${retries.exported} exported, ${retries.rescheduled} rescheduled`);
    await omni.acceptOrder(order, { locationId: 'kyiv-podil' }); // a duplicate acceptance: nothing is sent again

    const record = await omni.exportStatus(ref);
    await pos.accept(record!.saleId!, record!.idempotencyKey, platform.callbackUrl);

    let refusal = '';
    try {
      await omni.changeOrderStatus(order, 'cancelled');
    } catch (error) {
      refusal = (error as Error).message;
      log(`status change refused: ${refusal}`);
    }

    const history = await omni.exportHistory(ref);
    log('action history:');
    for (const h of history)
      log(`  ${h.at} ${h.action} ${h.outcome}${h.attempt ? ` #${h.attempt}` : ''}: ${h.message}`);
    const drift = await omni.menuDrift('kyiv-podil');
    log(`menu drift: ${JSON.stringify(drift.counts)}`);
    return { tickets: [...pos.tickets.values()], history, status: await omni.exportStatus(ref), refusal, drift };
  } finally {
    await platform.close();
    await pos.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runOrderingPlatformDemo();
}
