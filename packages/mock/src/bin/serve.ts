#!/usr/bin/env node
import { createMockChannel } from '../channel/mock-channel';
import { startMockServer } from '../http/mock-server';
import { parseServeArgs, USAGE } from './serve-options';

/** `omnisync-mock`: start the mock marketplace's HTTP server on a port until interrupted. */
async function main(): Promise<void> {
  let config: ReturnType<typeof parseServeArgs>;
  try {
    config = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const channel = createMockChannel(config.channel);
  const server = await startMockServer(channel, config.server);
  const limit = config.server.rateLimit;
  process.stdout.write(
    [
      `mock marketplace listening on ${server.url} (API under /api/v1, shoppers and faults under /_mock)`,
      `  listings: ${channel.listings().length}, batch limit: ${channel.limits.stockBatchSize}`,
      `  rate limit: ${limit ? `${limit.ratePerSecond} req/s, burst ${limit.burst}` : 'none'}`,
      `  API key: ${config.server.apiKey ? 'as given with --api-key' : 'mock-api-key (the default)'}`,
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
