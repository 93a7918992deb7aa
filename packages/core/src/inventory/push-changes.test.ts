import { describe, expect, it } from 'vitest';
import type { PlannedChange } from './plan-channel';
import { replanAfterConflict } from './push-changes';

const change = (from: number | null, to: number): PlannedChange =>
  ({ listingKey: '1', from, to, expectedQuantity: from, reason: 'r' }) as PlannedChange;

describe('replanAfterConflict', () => {
  it('takes units sold on the channel since we knew it off the new quantity, and guards on what it holds now', () => {
    expect(replanAfterConflict(change(5, 9), 3)).toMatchObject({ from: 3, to: 7, expectedQuantity: 3 });
    expect(replanAfterConflict(change(5, 9), 3).reason).toContain('less 2 sold on the channel and not imported yet');
  });

  it('never goes below zero, and keeps the quantity when the channel holds more than we knew', () => {
    expect(replanAfterConflict(change(5, 1), 0)).toMatchObject({ to: 0, expectedQuantity: 0 });
    expect(replanAfterConflict(change(5, 9), 8)).toMatchObject({ to: 9, expectedQuantity: 8 });
    expect(replanAfterConflict(change(null, 9), 2)).toMatchObject({ to: 9, expectedQuantity: 2 });
  });

  it('does not deduct twice the channel sales whose orders the POS already imported', () => {
    expect(replanAfterConflict(change(5, 7), 3, 2)).toMatchObject({ to: 7, expectedQuantity: 3 });
    expect(replanAfterConflict(change(5, 7), 2, 2)).toMatchObject({ to: 6, expectedQuantity: 2 });
  });
});
