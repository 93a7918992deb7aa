import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSyncStore } from '@omnisync/testkit';
import { createSqliteStore } from './sqlite-store';

describeSyncStore('SqliteStore', {
  sharedLocation: true,
  createLocation: () => join(mkdtempSync(join(tmpdir(), 'omnisync-sqlite-')), 'store.db'),
  open: (path, { clock }) => createSqliteStore({ path, clock }),
  destroyLocation: (path) => rmSync(join(path, '..'), { recursive: true, force: true }),
});
