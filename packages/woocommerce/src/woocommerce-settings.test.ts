import { InvalidSettingsError, redactText, SECRET_META } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kitEnvironment, parseWooCommerceSettings, WooCommerceSettings } from './woocommerce-settings';

const base = {
  storeUrl: 'https://shop.example.com',
  consumerKey: 'ck_settings_test_key_0001',
  consumerSecret: 'cs_settings_test_secret_0001',
};

function settingsError(input: unknown): InvalidSettingsError {
  try {
    parseWooCommerceSettings(input);
  } catch (error) {
    if (InvalidSettingsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected InvalidSettingsError');
}

describe('WooCommerce settings', () => {
  it('applies the documented defaults', () => {
    const settings = parseWooCommerceSettings(base);
    expect(settings).toMatchObject({
      apiVersion: 'wc/v3',
      environment: 'production',
      channelId: 'woocommerce',
      quantitySync: 'exact',
      pageSize: 100,
      allowPrivateNetwork: false,
    });
  });

  it('accepts a bare store domain and strips a trailing /wp-json', () => {
    expect(parseWooCommerceSettings({ ...base, storeUrl: 'shop.example.com' }).storeUrl).toBe(
      'https://shop.example.com',
    );
    expect(parseWooCommerceSettings({ ...base, storeUrl: 'https://shop.example.com/wp-json/' }).storeUrl).toBe(
      'https://shop.example.com',
    );
  });

  it('normalises a start date to an ISO instant', () => {
    expect(parseWooCommerceSettings({ ...base, startDate: '2026-01-05' }).startDate).toBe('2026-01-05T00:00:00.000Z');
  });

  it('names the missing credential without echoing the other one', () => {
    const error = settingsError({ storeUrl: base.storeUrl, consumerKey: base.consumerKey });
    expect(error.issues.map((i) => i.path)).toEqual(['consumerSecret']);
    expect(error.message).not.toContain(base.consumerKey);
  });

  it('refuses an unknown environment and a per_page over 100, naming both paths', () => {
    const error = settingsError({ ...base, environment: 'live', pageSize: 500 });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['environment', 'pageSize']);
  });

  it('refuses unknown keys (a typo is not silently ignored)', () => {
    expect(settingsError({ ...base, consumer_secret: 'x' }).message).toContain('consumer_secret');
  });

  it('registers the credentials as secrets so they are redacted everywhere', () => {
    parseWooCommerceSettings({ ...base, webhookSecret: 'whsec_settings_test_0001' });
    expect(redactText(`key ${base.consumerKey} secret ${base.consumerSecret} hook whsec_settings_test_0001`)).toBe(
      'key [redacted] secret [redacted] hook [redacted]',
    );
  });

  it('describes every field for a setup form', () => {
    for (const [name, field] of Object.entries(WooCommerceSettings.shape)) {
      expect(field.description, name).toBeTruthy();
    }
  });

  it('renders as JSON Schema for a setup form, with the three secrets flagged', () => {
    const schema = z.toJSONSchema(WooCommerceSettings, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    const secrets = Object.entries(schema.properties).filter(([, field]) => field[SECRET_META] === true);
    expect(secrets.map(([name]) => name).sort()).toEqual(['consumerKey', 'consumerSecret', 'webhookSecret']);
    expect(schema.required.sort()).toEqual(['consumerKey', 'consumerSecret', 'storeUrl']);
    expect(schema.properties.environment).toMatchObject({
      enum: ['production', 'working', 'test'],
      default: 'production',
    });
  });

  it("maps the seed's working environment to the kit's staging", () => {
    expect(kitEnvironment('working')).toBe('staging');
    expect(kitEnvironment('production')).toBe('production');
  });
});
