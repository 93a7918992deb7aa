import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventModeSettings, isEventTime } from './event-mode';
import { TaskLoop } from './task-loop';

afterEach(() => vi.useRealTimers());

describe('TaskLoop', () => {
  it('never overlaps a task with itself, and schedules the next run after the current one ends', async () => {
    vi.useFakeTimers();
    let concurrent = 0;
    let maxConcurrent = 0;
    let runs = 0;
    const loop = new TaskLoop(
      [
        {
          name: 'slow',
          intervalMs: () => 100,
          run: async () => {
            concurrent++;
            runs++;
            maxConcurrent = Math.max(maxConcurrent, concurrent);
            await new Promise((r) => setTimeout(r, 250));
            concurrent--;
          },
        },
      ],
      () => {},
    );
    loop.start();
    loop.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(maxConcurrent).toBe(1);
    // 250 ms run + 100 ms pause: about 3 runs in a second, not 10.
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(3);
    const manual = loop.runNow('slow');
    await vi.advanceTimersByTimeAsync(300);
    await manual;
    expect(maxConcurrent).toBe(1);
    const stopping = loop.stop();
    await vi.advanceTimersByTimeAsync(300);
    await stopping;
    const after = runs;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(after);
  });

  it('aborts running tasks on stop and reports errors without stopping the loop', async () => {
    vi.useFakeTimers();
    const events: { task: string; error: unknown }[] = [];
    let aborted = false;
    let failures = 0;
    const loop = new TaskLoop(
      [
        {
          name: 'long',
          intervalMs: () => 1_000,
          run: (signal) =>
            new Promise((resolve) => {
              signal.addEventListener('abort', () => {
                aborted = true;
                resolve();
              });
            }),
        },
        {
          name: 'flaky',
          intervalMs: () => 10,
          run: async () => {
            failures++;
            throw new Error('channel down');
          },
        },
      ],
      (e) => events.push(e),
    );
    loop.start();
    await vi.advanceTimersByTimeAsync(35);
    expect(failures).toBeGreaterThan(1);
    await loop.stop();
    expect(aborted).toBe(true);
    expect(events.some((e) => e.task === 'flaky' && (e.error as Error).message === 'channel down')).toBe(true);
  });
});

describe('event mode', () => {
  const settings = EventModeSettings.parse({
    dates: ['11-11', '2026-12-12'],
    leadHours: 6,
    tailHours: 12,
    timeZoneOffsetMinutes: 420,
  });

  it('is on around a yearly sale day in the merchant time zone, with lead and tail', () => {
    expect(isEventTime(new Date('2026-11-10T12:00:00Z'), settings)).toBe(true); // 19:00 WIB on 10 Nov, within 6 h lead
    expect(isEventTime(new Date('2026-11-10T10:00:00Z'), settings)).toBe(false);
    expect(isEventTime(new Date('2027-11-11T20:00:00Z'), settings)).toBe(true);
    expect(isEventTime(new Date('2026-11-12T05:00:00Z'), settings)).toBe(false);
  });

  it('is on for a dated sale day only that year', () => {
    expect(isEventTime(new Date('2026-12-12T03:00:00Z'), settings)).toBe(true);
    expect(isEventTime(new Date('2027-12-12T03:00:00Z'), settings)).toBe(false);
  });
});
