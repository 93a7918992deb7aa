import { describe, expect, it } from 'vitest';
import { runExample, shopForm } from './main';
import { toChannelSetup, type WooCommerceSalesChannelForm } from './sales-channel-form';

describe('the ERP WooCommerce example', () => {
  it('scans, backfills from the start date, pushes stock and reconciles against the simulated store', async () => {
    const lines: string[] = [];
    const summary = await runExample((line) => lines.push(line));
    expect(summary).toEqual({
      listingsScanned: 5,
      paymentMethods: ['bacs', 'cheque', 'cod', 'paypal'],
      ordersImported: 2,
      ordersSkipped: 1,
      stockPushed: 4,
      reconcileProblems: [],
      disabledWebhooks: 0,
    });
    expect(lines.join('\n')).not.toContain('cs_');
  });

  it("maps the seed's form onto the connector settings and the engine's rules", () => {
    const form: WooCommerceSalesChannelForm = {
      ...shopForm({
        baseUrl: 'https://shop.example.com',
        consumerKey: 'ck_x',
        consumerSecret: 'cs_x',
        webhookSecret: 'w',
      }),
      synchronizeExactQuantities: false,
      synchronisingQuantities: true,
      checkByPhone: false,
    };
    const setup = toChannelSetup(form);
    expect(setup.settings).toMatchObject({ environment: 'production', channelId: 'webshop', quantitySync: 'in-stock' });
    expect(setup.inventory).toMatchObject({ enabled: true, mode: 'availability', deactivateAtZero: true });
    expect(setup.orders.customers?.match).toEqual(['vatNumber', 'companyId', 'email']);
    expect(setup.orders.writeBack).toEqual({
      enabled: true,
      completed: 'completed',
      paid: null,
      cancelled: 'cancelled',
    });
  });
});
