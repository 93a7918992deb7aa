import { describe, expect, it } from 'vitest';
import { AsyncMutex } from './async-mutex';

describe('AsyncMutex', () => {
  it('is taken at once when free, and not while held', () => {
    const mutex = new AsyncMutex();
    const unlock = mutex.tryLock();
    expect(unlock).not.toBeNull();
    expect(mutex.tryLock()).toBeNull();
    unlock!();
    expect(mutex.tryLock()).not.toBeNull();
  });

  it('hands over to waiters in arrival order, and a newcomer cannot jump the queue', async () => {
    const mutex = new AsyncMutex();
    const order: string[] = [];
    const first = mutex.tryLock()!;
    const waiters = ['a', 'b', 'c'].map((name) =>
      mutex.lock().then((unlock) => {
        order.push(name);
        unlock();
      }),
    );
    first();
    expect(mutex.tryLock()).toBeNull();
    await Promise.all(waiters);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(mutex.tryLock()).not.toBeNull();
  });

  it('ignores a second unlock of the same hold', () => {
    const mutex = new AsyncMutex();
    const unlock = mutex.tryLock()!;
    unlock();
    const next = mutex.tryLock();
    unlock();
    expect(next).not.toBeNull();
    expect(mutex.tryLock()).toBeNull();
  });
});
