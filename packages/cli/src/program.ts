import { Command, InvalidArgumentError, Option } from 'commander';
import {
  classifyCommand,
  inventoryCommand,
  ordersCommand,
  productsCommand,
  reconcileCommand,
  scanCommand,
  statusCommand,
} from './commands/commands';
import { runDemo } from './demo/run-demo';
import type { ExitCode } from './exit-codes';
import { runCommand } from './run-command';
import { VERSION } from './version';

const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};

/** Build the `omnisync` command line. Each action resolves with its exit code. */
export function buildProgram(onExit: (code: ExitCode) => void): Command {
  const program = new Command('omnisync')
    .description('Keep a POS or ERP in sync with marketplaces and web shops.')
    .version(VERSION)
    .option('--json', 'print one JSON document instead of tables (for scripts)')
    .option('-c, --config <file>', 'config file (default: omnisync.config.{ts,mjs,js,json} in the working directory)')
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 failed, 2 bad usage or config, 3 needs attention, 4 busy (another worker holds the lease).',
    );
  // Commander passes the positional arguments, then the options, then the command itself.
  type Opts = Record<string, string | boolean | undefined>;
  const act =
    (fn: (options: Opts & Record<string, never>, positional: string[]) => Promise<ExitCode>) =>
    async (...args: unknown[]) => {
      const cmd = args.at(-1) as Command;
      const options = { ...(program.opts() as Opts), ...(cmd.opts() as Opts) };
      onExit(await fn(options as never, args.slice(0, -2) as string[]));
    };

  program
    .command('demo')
    .description(
      'Mock channels and a mock POS: scan, classify, import orders, push stock, reconcile, and check the result',
    )
    .option('--items <n>', 'products in the generated catalog', integer, 2000)
    .option('--seed <n>', 'seed of the generated world', integer, 11)
    .option('--chaos', 'switch faults on: latency, 429s and 5xx, as on an 11.11 sale day')
    .option('--store <path>', 'the SQLite file (recreated each run)', 'omnisync-demo.sqlite')
    .option('--rate <n>', 'requests per second each mock channel allows', integer, 200)
    .action(
      act((o) =>
        runCommand(o, (reporter) =>
          runDemo(
            {
              items: Number(o.items),
              seed: Number(o.seed),
              chaos: Boolean(o.chaos),
              storePath: String(o.store),
              rate: Number(o.rate),
            },
            reporter,
          ),
        ),
      ),
    );
  program
    .command('scan')
    .description('Scan channels into the snapshot')
    .option('--channel <ids>', 'comma-separated channel ids (default: all)')
    .addOption(
      new Option('--type <type>', 'scan type').choices(['full', 'active', 'updated', 'single']).default('updated'),
    )
    .option('--sku <sku>', 'for --type single')
    .action(act((o) => scanCommand(o)));
  program
    .command('classify')
    .description('Print the classification tabs and channel statistics')
    .addOption(
      new Option('--tab <tab>', 'print one tab').choices([
        'sold-in-channel',
        'not-in-pos',
        'not-in-channel',
        'in-pos',
        'multiple-listing',
      ]),
    )
    .option('--channel <id>', 'one channel')
    .option('--text <q>', 'filter rows by text')
    .action(act((o) => classifyCommand(o)));
  program
    .command('orders')
    .description('Download orders and repair missing orders and stale statuses')
    .option('--channel <ids>', 'comma-separated channel ids (default: all)')
    .option('--from <iso>', 'backfill from this date (orders of every status)')
    .option('--reconcile-hours <n>', 'how far back to compare with the ledger', '72')
    .option('--dry-run', 'report only')
    .action(act((o) => ordersCommand(o)));
  program
    .command('inventory')
    .description('Push stock differences to the channels')
    .option('--channel <ids>', 'comma-separated channel ids (default: all)')
    .option('--dry-run', 'print the plan with the reason for each change')
    .action(act((o) => inventoryCommand(o)));
  program
    .command('products')
    .description('Download products (channel to POS) or upload them (POS to channel)')
    .argument('<direction>', 'download or upload')
    .requiredOption('--channel <id>', 'the channel')
    .option('--keys <list>', 'listing keys (download) or item ids (upload); default: all')
    .action(act((o, [direction]) => productsCommand(direction ?? '', o)));
  program
    .command('reconcile')
    .description('The daily routine: updated scan, orders with repair, inventory')
    .option('--channel <ids>', 'comma-separated channel ids (default: all)')
    .option('--dry-run', 'return the plan and the reason for every change, change nothing')
    .option('--hours <n>', 'order window in hours', '72')
    .action(act((o) => reconcileCommand(o)));
  program
    .command('status')
    .description('Last scans, statistics, waiting orders and queued work')
    .action(act((o) => statusCommand(o)));
  return program;
}
