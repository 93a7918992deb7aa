import type { Cursor } from '@omnisync/core';
import type { SqliteContext } from './sqlite-context';
import type { OperationsOf, Row } from './sync-operations';

const COLUMNS = 'tenant_id, key, value, version, updated_at';

function toCursor(row: Row): Cursor {
  return {
    tenantId: row.tenant_id as string,
    key: row.key as string,
    value: row.value as string,
    version: row.version as number,
    updatedAt: row.updated_at as string,
  };
}

/** Cursors, moved by compare-and-set in a single statement each. */
export function cursorOps(ctx: SqliteContext): OperationsOf<'getCursor' | 'compareAndSetCursor'> {
  return {
    getCursor: (tenantId, key) => {
      const row = ctx.stmt(`SELECT ${COLUMNS} FROM cursors WHERE tenant_id = ? AND key = ?`).get(tenantId, key);
      return row ? toCursor(row) : null;
    },
    compareAndSetCursor: (tenantId, key, expectedVersion, value) =>
      ctx.write(() => {
        const row =
          expectedVersion === null
            ? ctx
                .stmt(
                  `INSERT INTO cursors (${COLUMNS}) VALUES (?, ?, ?, 1, ?) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
                )
                .get(tenantId, key, value, ctx.nowIso())
            : ctx
                .stmt(
                  `UPDATE cursors SET value = ?, version = version + 1, updated_at = ?
                   WHERE tenant_id = ? AND key = ? AND version = ? RETURNING ${COLUMNS}`,
                )
                .get(value, ctx.nowIso(), tenantId, key, expectedVersion);
        return row ? toCursor(row) : null;
      }),
  };
}
