import { describe, expect, it } from 'vitest';
import { runOrderingPlatformDemo } from './main';

describe('examples/ordering-platform', () => {
  it('exports the accepted order once, after a failure shown in the history and a retry that succeeds', async () => {
    const lines: string[] = [];
    const result = await runOrderingPlatformDemo((line) => lines.push(line));
    expect(result.tickets).toHaveLength(1);
    expect(result.tickets[0]!.order.lines.map((l) => [l.productId, l.modifiers.map((m) => m.modifierId)])).toEqual([
      ['101', ['9']],
      ['102', []],
    ]);
    const attempts = result.history.filter((h) => h.action === 'export:attempt');
    expect(attempts.map((a) => [a.outcome, a.attempt])).toEqual([
      ['error', 1],
      ['ok', 2],
    ]);
    expect(attempts[0]!.error?.code).toBe('CHANNEL_UNAVAILABLE');
    expect(result.status).toMatchObject({ state: 'exported', posStatus: 'accepted' });
    expect(result.refusal).toMatch(/managed at the POS terminal/);
    expect(result.drift.counts).toMatchObject({ unmapped: 0, unknownInPos: 0, priceDiffers: 0 });
    expect(lines.join('\n')).not.toMatch(/whsec_/);
  });
});
