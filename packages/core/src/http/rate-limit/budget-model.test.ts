import { describe, expect, it } from 'vitest';
import { Bucket } from './budget-model';

describe('Bucket.reconcile', () => {
  it('lowers the balance by how optimistic it was when the reported call went out', () => {
    const bucket = new Bucket(10, 0, 0);
    const snapshot = bucket.take(1, 0); // 9 left by our count
    bucket.take(1, 0); // 8
    bucket.reconcile(6, { cost: 1, now: 100, sentAfter: 1, grantedAt: 0, snapshot });
    expect(bucket.tokens).toBe(5); // the channel had 3 fewer than we thought
  });

  it('ignores a difference under one unit (the channel rounds down)', () => {
    const bucket = new Bucket(10, 0, 0, 5.7);
    const snapshot = bucket.take(1, 0); // 4.7
    bucket.reconcile(4, { cost: 1, now: 10, sentAfter: 0, grantedAt: 0, snapshot });
    expect(bucket.tokens).toBeCloseTo(4.7);
  });

  it('applies one correction per round trip: calls sent before it carry old news', () => {
    const bucket = new Bucket(10, 0, 0);
    const first = bucket.take(1, 0); // 9
    const second = bucket.take(1, 1); // 8
    bucket.reconcile(5, { cost: 1, now: 100, sentAfter: 1, grantedAt: 0, snapshot: first });
    expect(bucket.tokens).toBe(4);
    bucket.reconcile(4, { cost: 1, now: 101, sentAfter: 0, grantedAt: 1, snapshot: second });
    expect(bucket.tokens).toBe(4);
    const third = bucket.take(1, 200); // 3
    bucket.reconcile(1, { cost: 1, now: 300, sentAfter: 0, grantedAt: 200, snapshot: third });
    expect(bucket.tokens).toBe(1); // a call sent after the first correction: 2 more off
  });

  it('without a snapshot, lowers to remaining minus the calls the channel may not have seen', () => {
    const bucket = new Bucket(10, 0, 0);
    bucket.reconcile(5, { cost: 0, now: 0, sentAfter: 2 });
    expect(bucket.tokens).toBe(3);
  });
});
