import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = new URL('../dist/bin.js', import.meta.url).pathname;

/** Run the built `omnisync` bin in a child process, with no TTY (stdout is a pipe). */
function omnisync(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface DemoJson {
  ok: boolean;
  activity: { placed: number; cancelled: number };
  orders: { channelId: string; imported: number; waiting: number; failed: number }[];
  groundTruth: {
    channelOrders: number;
    posSales: number;
    missingOrders: number;
    duplicateSales: number;
    staleStatuses: number;
    listingsChecked: number;
    stockMismatches: unknown[];
    consistent: boolean;
  };
  retries: { count: number; byStatus: Record<string, number> };
}

describe('the omnisync bin', () => {
  let cwd: string;
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`Build the CLI first (npm run build): ${BIN} is missing`);
    cwd = mkdtempSync(join(tmpdir(), 'omnisync-cli-'));
  });

  it('runs the demo and its report agrees with the mocks ground truth', () => {
    const run = omnisync(['demo', '--items', '200', '--json', '--store', 'demo.sqlite'], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DemoJson;
    const imported = report.orders.reduce((n, o) => n + o.imported, 0);
    expect(imported).toBe(report.activity.placed - report.activity.cancelled);
    expect(report.groundTruth.posSales).toBe(report.groundTruth.channelOrders);
    expect(report.groundTruth).toMatchObject({
      missingOrders: 0,
      duplicateSales: 0,
      staleStatuses: 0,
      stockMismatches: [],
      consistent: true,
    });
    expect(report.groundTruth.listingsChecked).toBeGreaterThan(100);
    expect(existsSync(join(cwd, 'demo.sqlite'))).toBe(true);
  });

  it('ends consistent with --chaos, showing the retries it needed', () => {
    const run = omnisync(
      ['demo', '--items', '200', '--chaos', '--json', '--store', 'chaos.sqlite', '--seed', '5'],
      cwd,
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DemoJson;
    expect(report.groundTruth.consistent).toBe(true);
    expect(report.groundTruth.posSales).toBe(report.groundTruth.channelOrders);
    expect(report.retries.count).toBeGreaterThan(0);
  });

  it('prints plain lines, not bars or tables, without a TTY', () => {
    const run = omnisync(['demo', '--items', '100', '--store', 'plain.sqlite'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('scan shopee: done');
    expect(run.stdout).toContain('check=consistent result=yes');
    expect(run.stdout).not.toMatch(/[┌│█░]/);
  });

  it('refuses a bad config file, naming the key, with the usage exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnisync-cli-config-'));
    writeFileSync(
      join(dir, 'omnisync.config.json'),
      JSON.stringify({ pos: { type: 'mock' }, channels: { shop: { type: 'mock-http', settings: {}, invenotry: {} } } }),
    );
    const run = omnisync(['status'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('channels.shop');
    expect(run.stderr).toContain('invenotry');
  });

  it('exits with the usage code on an unknown command', () => {
    expect(omnisync(['frobnicate'], cwd).code).toBe(2);
  });
});
