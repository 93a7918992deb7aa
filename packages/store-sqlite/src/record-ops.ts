import type { ActionEntry, Mapping } from '@omnisync/core';
import { fromJson, toJson } from './json-column';
import { SqlFilter } from './sql-filter';
import type { SqliteContext } from './sqlite-context';
import type { OperationsOf, Row } from './sync-operations';

const ACTION_COLUMNS = 'id, tenant_id, at, channel_id, subject_type, subject_id, action, outcome, message, details';

function toAction(row: Row): ActionEntry {
  return {
    id: String(row.id).padStart(12, '0'),
    tenantId: row.tenant_id as string,
    at: row.at as string,
    channelId: row.channel_id as string | null,
    subjectType: row.subject_type as string,
    subjectId: row.subject_id as string,
    action: row.action as string,
    outcome: row.outcome as ActionEntry['outcome'],
    message: row.message as string,
    details: fromJson(row.details as string),
  };
}

function toMapping(row: Row): Mapping {
  return {
    tenantId: row.tenant_id as string,
    targetId: row.target_id as string,
    itemId: row.item_id as string,
    modifierId: row.modifier_id === '' ? null : (row.modifier_id as string),
    externalId: row.external_id as string,
  };
}

/** The append-only action log. */
export function actionOps(ctx: SqliteContext): OperationsOf<'appendAction' | 'listActions'> {
  return {
    appendAction: (entry) => {
      const details = toJson(entry.details ?? {}, `the details of action ${entry.action}`);
      return ctx.write(() => {
        const row = ctx
          .stmt(
            `INSERT INTO actions (tenant_id, at, channel_id, subject_type, subject_id, action, outcome, message, details)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${ACTION_COLUMNS}`,
          )
          .get(
            entry.tenantId,
            entry.at ?? ctx.nowIso(),
            entry.channelId ?? null,
            entry.subjectType,
            entry.subjectId,
            entry.action,
            entry.outcome,
            entry.message,
            details,
          );
        return toAction(row!);
      });
    },
    listActions: ({ tenantId, channelId, subjectType, subjectId, outcome, limit = 100, before }) => {
      const beforeId = before ? Number(before) : null;
      const filter = new SqlFilter()
        .add(true, 'tenant_id = ?', tenantId)
        .add(subjectType, 'subject_type = ?', subjectType ?? null)
        .add(subjectId, 'subject_id = ?', subjectId ?? null)
        .add(channelId, 'channel_id = ?', channelId ?? null)
        .add(outcome, 'outcome = ?', outcome ?? null)
        .add(beforeId !== null && Number.isFinite(beforeId), 'id < ?', beforeId);
      const rows = ctx
        .stmt(`SELECT ${ACTION_COLUMNS} FROM actions WHERE ${filter.sql} ORDER BY id DESC LIMIT ?`)
        .all(...filter.params, limit + 1);
      const items = rows.slice(0, limit).map(toAction);
      return { items, next: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
    },
  };
}

/** Explicit mappings, listed by target, item and modifier. */
export function mappingOps(ctx: SqliteContext): OperationsOf<'putMapping' | 'deleteMapping' | 'listMappings'> {
  return {
    putMapping: (m) => {
      ctx.write(() =>
        ctx
          .stmt(
            `INSERT INTO mappings (tenant_id, target_id, item_id, modifier_id, external_id) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (tenant_id, target_id, item_id, modifier_id) DO UPDATE SET external_id = excluded.external_id`,
          )
          .run(m.tenantId, m.targetId, m.itemId, m.modifierId ?? '', m.externalId),
      );
    },
    deleteMapping: (m) => {
      ctx.write(() =>
        ctx
          .stmt('DELETE FROM mappings WHERE tenant_id = ? AND target_id = ? AND item_id = ? AND modifier_id = ?')
          .run(m.tenantId, m.targetId, m.itemId, m.modifierId ?? ''),
      );
    },
    listMappings: (tenantId, targetId) => {
      const filter = new SqlFilter()
        .add(true, 'tenant_id = ?', tenantId)
        .add(targetId, 'target_id = ?', targetId ?? null);
      return ctx
        .stmt(
          `SELECT tenant_id, target_id, item_id, modifier_id, external_id FROM mappings WHERE ${filter.sql} ORDER BY target_id, item_id, modifier_id`,
        )
        .all(...filter.params)
        .map(toMapping);
    },
  };
}

/** Small engine state, one JSON value per tenant + namespace + key. */
export function valueOps(ctx: SqliteContext): OperationsOf<'getValue' | 'putValue' | 'deleteValue' | 'listValues'> {
  return {
    getValue: (tenantId, namespace, key) => {
      const row = ctx
        .stmt('SELECT value FROM store_values WHERE tenant_id = ? AND namespace = ? AND key = ?')
        .get(tenantId, namespace, key);
      return row ? fromJson(row.value as string) : null;
    },
    putValue: (tenantId, namespace, key, value) => {
      const text = toJson(value, `the value ${namespace}/${key}`);
      ctx.write(() =>
        ctx
          .stmt(
            `INSERT INTO store_values (tenant_id, namespace, key, value) VALUES (?, ?, ?, ?)
             ON CONFLICT (tenant_id, namespace, key) DO UPDATE SET value = excluded.value`,
          )
          .run(tenantId, namespace, key, text),
      );
    },
    deleteValue: (tenantId, namespace, key) => {
      ctx.write(() =>
        ctx
          .stmt('DELETE FROM store_values WHERE tenant_id = ? AND namespace = ? AND key = ?')
          .run(tenantId, namespace, key),
      );
    },
    listValues: (tenantId, namespace) =>
      ctx
        .stmt('SELECT key, value FROM store_values WHERE tenant_id = ? AND namespace = ? ORDER BY key')
        .all(tenantId, namespace)
        .map((row) => ({ key: row.key as string, value: fromJson(row.value as string) })),
  };
}
