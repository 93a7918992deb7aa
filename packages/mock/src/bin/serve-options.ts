import { parseArgs } from 'node:util';
import type { MockChannelOptions } from '../channel/mock-channel-options';
import type { MockFaults } from '../faults/mock-faults';
import type { MockServerOptions } from '../http/mock-server';

/** Usage text of `omnisync-mock`. */
export const USAGE = `Usage: omnisync-mock [options]

Serve a mock marketplace on loopback (REST API: docs/guides/mock.md).

  --port <n>            port (default 4010; 0 = any free port)
  --host <addr>         interface (default 127.0.0.1)
  --listings <n>        generated listing rows (default 1000)
  --seed <s>            seed of the catalog and faults (default omnisync)
  --rate <n>            rate limit, requests per second (default 50)
  --burst <n>           rate limit burst (default 100)
  --no-rate-limit       no rate limit
  --batch-limit <n>     stock batch limit (default 50)
  --api-key <key>       API key clients send (default mock-api-key)
  --webhook-url <url>   POST signed webhooks here
  --webhook-secret <s>  webhook HMAC secret (default mock-webhook-secret)
  --latency <ms>        added latency per request
  --fault-429 <rate>    share of requests answered 429 (0..1)
  --fault-5xx <rate>    share of requests answered 503 (0..1)
  --fault-timeout <rate> share of requests dropped without an answer (0..1)
  --help                this text`;

/** What the command line asks for. */
export interface ServeConfig {
  channel: MockChannelOptions;
  server: MockServerOptions;
  help: boolean;
}

function num(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

/** Parse `omnisync-mock` arguments; a bad value throws an error naming the option (never echoing a key). */
export function parseServeArgs(argv: string[]): ServeConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      listings: { type: 'string' },
      seed: { type: 'string' },
      rate: { type: 'string' },
      burst: { type: 'string' },
      'no-rate-limit': { type: 'boolean' },
      'batch-limit': { type: 'string' },
      'api-key': { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      latency: { type: 'string' },
      'fault-429': { type: 'string' },
      'fault-5xx': { type: 'string' },
      'fault-timeout': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const faults: MockFaults = {};
  const latency = num(values.latency, 'latency', 0);
  if (latency > 0) faults.latency = latency;
  const r429 = num(values['fault-429'], 'fault-429', 0);
  if (r429 > 0) faults.rateLimit = { rate: r429 };
  const r5xx = num(values['fault-5xx'], 'fault-5xx', 0);
  if (r5xx > 0) faults.serverError = { rate: r5xx };
  const rTimeout = num(values['fault-timeout'], 'fault-timeout', 0);
  if (rTimeout > 0) faults.timeout = { rate: rTimeout };
  return {
    help: values.help ?? false,
    channel: {
      seed: values.seed ?? 'omnisync',
      catalogSize: num(values.listings, 'listings', 1000),
      batchLimit: num(values['batch-limit'], 'batch-limit', 50),
      faults,
      ...(values['webhook-secret'] ? { webhookSecret: values['webhook-secret'] } : {}),
    },
    server: {
      port: num(values.port, 'port', 4010),
      host: values.host ?? '127.0.0.1',
      rateLimit: values['no-rate-limit']
        ? false
        : { ratePerSecond: num(values.rate, 'rate', 50), burst: num(values.burst, 'burst', 100) },
      ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
      ...(values['webhook-url'] ? { webhookUrl: values['webhook-url'] } : {}),
    },
  };
}
