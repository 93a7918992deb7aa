import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { retryWhileBusy } from './busy-retry';

/** A real SQLITE_BUSY, as `node:sqlite` throws it: a second connection asks for a held write lock. */
function captureBusyError(): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'omnisync-busy-'));
  const holder = new DatabaseSync(join(dir, 'x.db'));
  const other = new DatabaseSync(join(dir, 'x.db'), { timeout: 0 });
  holder.exec('BEGIN IMMEDIATE');
  try {
    other.exec('BEGIN IMMEDIATE');
    throw new Error('expected SQLITE_BUSY');
  } catch (error) {
    return error;
  } finally {
    holder.close();
    other.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const BUSY = captureBusyError();
const busyError = () => BUSY;

describe('retryWhileBusy', () => {
  it('tries again while the database is busy, then returns the result', async () => {
    let attempts = 0;
    const result = await retryWhileBusy(
      () => {
        attempts++;
        if (attempts < 4) throw busyError();
        return 'done';
      },
      1_000,
      () => new Error('timed out'),
    );
    expect(result).toBe('done');
    expect(attempts).toBe(4);
  });

  it('gives up with onTimeout once the timeout has passed', async () => {
    const started = Date.now();
    await expect(
      retryWhileBusy(
        () => {
          throw busyError();
        },
        60,
        (cause) => new Error(`locked: ${(cause as Error).message}`),
      ),
    ).rejects.toThrow('locked: database is locked');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('does not retry any other error', async () => {
    let attempts = 0;
    await expect(
      retryWhileBusy(
        () => {
          attempts++;
          throw new Error('constraint failed');
        },
        1_000,
        () => new Error('timed out'),
      ),
    ).rejects.toThrow('constraint failed');
    expect(attempts).toBe(1);
  });
});
