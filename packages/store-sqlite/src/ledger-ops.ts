import { type LedgerEntry, StoreError } from '@omnisync/core';
import { fromJson, toJson } from './json-column';
import { decodePageToken, encodePageToken } from './page-token';
import { SqlFilter } from './sql-filter';
import type { SqliteContext } from './sqlite-context';
import type { OperationsOf, Row } from './sync-operations';

const COLUMNS =
  'tenant_id, channel_id, external_id, state, sale_id, channel_updated_at, data, revision, created_at, updated_at';

function toEntry(row: Row): LedgerEntry {
  return {
    tenantId: row.tenant_id as string,
    channelId: row.channel_id as string,
    externalId: row.external_id as string,
    state: row.state as string,
    saleId: row.sale_id as string | null,
    channelUpdatedAt: row.channel_updated_at as string | null,
    data: fromJson(row.data as string),
    revision: row.revision as number,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

/** The order ledger: unique on tenant + channel + external id, updated by revision. */
export function ledgerOps(
  ctx: SqliteContext,
): OperationsOf<'getLedgerEntry' | 'insertLedgerEntry' | 'updateLedgerEntry' | 'listLedgerEntries'> {
  const get = (tenantId: string, channelId: string, externalId: string) => {
    const row = ctx
      .stmt(`SELECT ${COLUMNS} FROM ledger WHERE tenant_id = ? AND channel_id = ? AND external_id = ?`)
      .get(tenantId, channelId, externalId);
    return row ? toEntry(row) : null;
  };

  return {
    getLedgerEntry: get,
    insertLedgerEntry: (entry) => {
      const data = toJson(entry.data ?? {}, `the data of ledger entry ${entry.channelId}/${entry.externalId}`);
      return ctx.write(() => {
        const now = ctx.nowIso();
        const row = ctx
          .stmt(
            `INSERT INTO ledger (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
             ON CONFLICT (tenant_id, channel_id, external_id) DO NOTHING RETURNING ${COLUMNS}`,
          )
          .get(
            entry.tenantId,
            entry.channelId,
            entry.externalId,
            entry.state,
            entry.saleId ?? null,
            entry.channelUpdatedAt ?? null,
            data,
            now,
            now,
          );
        if (row) return { inserted: true, entry: toEntry(row) };
        return { inserted: false, entry: get(entry.tenantId, entry.channelId, entry.externalId)! };
      });
    },
    updateLedgerEntry: (entry) => {
      const data = toJson(entry.data ?? {}, `the data of ledger entry ${entry.channelId}/${entry.externalId}`);
      return ctx.write(() => {
        const row = ctx
          .stmt(
            `UPDATE ledger SET state = ?, sale_id = ?, channel_updated_at = ?, data = ?, revision = revision + 1,
               updated_at = ?
             WHERE tenant_id = ? AND channel_id = ? AND external_id = ? AND revision = ? RETURNING ${COLUMNS}`,
          )
          .get(
            entry.state,
            entry.saleId ?? null,
            entry.channelUpdatedAt ?? null,
            data,
            ctx.nowIso(),
            entry.tenantId,
            entry.channelId,
            entry.externalId,
            entry.revision,
          );
        if (!row) {
          throw new StoreError(
            'LEDGER_CONFLICT',
            `Ledger entry ${entry.channelId}/${entry.externalId} changed since revision ${entry.revision}.`,
          );
        }
        return toEntry(row);
      });
    },
    listLedgerEntries: ({ tenantId, channelId, states, after, limit = 500 }) => {
      const from = decodePageToken(after);
      const filter = new SqlFilter()
        .add(true, 'tenant_id = ?', tenantId)
        .add(channelId, 'channel_id = ?', channelId ?? null)
        .add(states, 'state IN (SELECT value FROM json_each(?))', JSON.stringify(states))
        .add(from, '(channel_id, external_id) > (?, ?)', ...(from ?? []));
      const rows = ctx
        .stmt(`SELECT ${COLUMNS} FROM ledger WHERE ${filter.sql} ORDER BY channel_id, external_id LIMIT ?`)
        .all(...filter.params, limit + 1);
      const items = rows.slice(0, limit).map(toEntry);
      const last = items[items.length - 1];
      return { items, next: rows.length > limit && last ? encodePageToken(last.channelId, last.externalId) : null };
    },
  };
}
