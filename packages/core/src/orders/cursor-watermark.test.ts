import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CursorWatermark } from './cursor-watermark';

const t = (minute: number) => new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString();

describe('CursorWatermark', () => {
  it('moves to the newest stored order after a clean pass', () => {
    const w = new CursorWatermark();
    for (const m of [5, 1, 9, 3]) w.done(t(m));
    expect(w.next(null)).toBe(t(9));
  });

  it('stops just before the oldest unfinished order, whatever the page order', () => {
    const w = new CursorWatermark();
    w.done(t(9));
    w.unfinished(t(4));
    w.done(t(2));
    w.unfinished(t(6));
    const next = w.next(null);
    expect(next).not.toBeNull();
    expect(Date.parse(next as string)).toBeLessThan(Date.parse(t(4)));
    expect(Date.parse(next as string)).toBeGreaterThanOrEqual(Date.parse(t(2)));
  });

  it('never moves backwards and stays put when nothing was stored', () => {
    const w = new CursorWatermark();
    expect(w.next(t(3))).toBeNull();
    w.done(t(2));
    expect(w.next(t(3))).toBeNull();
  });

  it('never passes an unfinished order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.integer({ min: 0, max: 500 }), ok: fc.boolean() }), { minLength: 1 }),
        (orders) => {
          const w = new CursorWatermark();
          for (const o of orders) (o.ok ? w.done : w.unfinished).call(w, t(o.minute));
          const next = w.next(null);
          if (next === null) return;
          for (const o of orders) if (!o.ok) expect(Date.parse(next)).toBeLessThan(Date.parse(t(o.minute)));
        },
      ),
    );
  });
});
