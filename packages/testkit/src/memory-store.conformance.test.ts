import { createMemoryStore } from '@omnisync/core';
import { describeSyncStore } from './describe-sync-store';

describeSyncStore('MemoryStore', {
  sharedLocation: false,
  open: (_location, { clock }) => createMemoryStore({ clock }),
});
