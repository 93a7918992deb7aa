import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StoreError } from '@omnisync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toStoreError } from './sqlite-errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omnisync-errors-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function thrownBy(step: () => unknown): unknown {
  try {
    step();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('toStoreError', () => {
  it('names the path and says what to do for a read-only store', () => {
    const path = join(dir, 'ro.db');
    new DatabaseSync(path).close();
    const db = new DatabaseSync(path, { readOnly: true });
    const error = toStoreError(
      thrownBy(() => db.exec('CREATE TABLE t (x)')),
      path,
      5_000,
    );
    db.close();
    expect(StoreError.isInstance(error) && error.code).toBe('STORE_ERROR');
    expect((error as StoreError).message).toBe(
      `The omnisync store at ${path} is read-only; check the permissions of the file and its directory.`,
    );
  });

  it('passes the caller’s own errors and omnisync errors through unchanged', () => {
    const own = new Error('crash in the middle');
    const conflict = new StoreError('LEDGER_CONFLICT', 'changed');
    expect(toStoreError(own, 'x.db', 1)).toBe(own);
    expect(toStoreError(conflict, 'x.db', 1)).toBe(conflict);
  });
});
