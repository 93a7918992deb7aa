import { describe, expect, it } from 'vitest';
import { parseOrderImportRules } from './import-rules';
import { planTransitions } from './plan-transitions';

const rules = parseOrderImportRules('shop', {});
const o = (status: string, rawStatus = status) => ({ status, rawStatus }) as never;
const none = { applied: {}, fulfilled: false };

describe('planTransitions', () => {
  it('records a payment for a paid status, once', () => {
    expect(planTransitions(o('paid'), none, rules, true)).toEqual(['payment']);
    expect(planTransitions(o('paid'), { applied: { payment: true }, fulfilled: false }, rules, false)).toEqual([]);
  });

  it('creates nothing for an unpaid order', () => {
    expect(planTransitions(o('unpaid'), none, rules, true)).toEqual([]);
  });

  it('pays and completes an order that jumped straight to completed', () => {
    expect(planTransitions(o('completed'), none, rules, false)).toEqual(['payment', 'complete']);
  });

  it('cancels when nothing was fulfilled and reverses when it was', () => {
    expect(planTransitions(o('cancelled'), { applied: { payment: true }, fulfilled: false }, rules, false)).toEqual([
      'cancel',
    ]);
    expect(planTransitions(o('cancelled'), { applied: {}, fulfilled: true }, rules, false)).toEqual(['reverse']);
    expect(planTransitions(o('cancelled'), { applied: { complete: true }, fulfilled: false }, rules, false)).toEqual([
      'reverse',
    ]);
    expect(planTransitions(o('returned'), none, rules, false)).toEqual(['reverse']);
  });

  it('does nothing after a cancel or reverse', () => {
    expect(planTransitions(o('completed'), { applied: { cancel: true }, fulfilled: false }, rules, false)).toEqual([]);
    expect(planTransitions(o('cancelled'), { applied: { reverse: true }, fulfilled: true }, rules, false)).toEqual([]);
  });

  it('issues the document on import, and pays immediately when asked', () => {
    const docs = parseOrderImportRules('shop', { documents: { issueOnImport: true, payImmediately: true } });
    expect(planTransitions(o('unpaid'), none, docs, true)).toEqual(['document', 'payment']);
    expect(
      planTransitions(o('unpaid'), { applied: { document: true, payment: true }, fulfilled: false }, docs, false),
    ).toEqual([]);
  });

  it('issues the document on payment when it was not issued yet', () => {
    const docs = parseOrderImportRules('shop', { documents: { issueOnPayment: true } });
    expect(planTransitions(o('unpaid'), none, docs, true)).toEqual([]);
    expect(planTransitions(o('paid'), none, docs, false)).toEqual(['document', 'payment']);
    expect(planTransitions(o('paid'), { applied: { document: true }, fulfilled: false }, docs, false)).toEqual([
      'payment',
    ]);
  });

  it('follows raw channel statuses the merchant listed', () => {
    const raw = parseOrderImportRules('shop', { statuses: { paid: ['on-hold'], completed: ['delivered'] } });
    expect(planTransitions(o('on_hold', 'on-hold'), none, raw, true)).toEqual(['payment']);
    expect(
      planTransitions(o('completed', 'delivered'), { applied: { payment: true }, fulfilled: false }, raw, false),
    ).toEqual(['complete']);
  });
});
