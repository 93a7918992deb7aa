import type { OutboxEntry } from '@omnisync/core';
import { fromJson, toJson } from './json-column';
import type { SqliteContext } from './sqlite-context';
import { iso, type OperationsOf, type Row } from './sync-operations';

const COLUMNS = `id, tenant_id, topic, key, priority, payload, attempts, sequence, enqueued_at, available_ms,
  claimed_by, claim_expires_ms, last_error`;
const DEFAULT_PRIORITY = 100;

/** Entries nobody holds right now: never claimed, released, or whose claim expired. */
const UNCLAIMED = '(claimed_by IS NULL OR claim_expires_ms <= ?)';

/** Claimable entries, most urgent first, skipping keys that have an entry in flight. */
const CANDIDATES = `SELECT ${COLUMNS} FROM outbox o
  WHERE tenant_id = ? AND topic = ? AND available_ms <= ? AND ${UNCLAIMED}
    AND NOT EXISTS (SELECT 1 FROM outbox f WHERE f.tenant_id = o.tenant_id AND f.topic = o.topic AND f.key = o.key
      AND f.claimed_by IS NOT NULL AND f.claim_expires_ms > ?)
  ORDER BY priority, sequence`;

function toEntry(row: Row): OutboxEntry {
  return {
    id: formatId(row.id as number),
    tenantId: row.tenant_id as string,
    topic: row.topic as string,
    key: row.key as string,
    priority: row.priority as number,
    payload: fromJson(row.payload as string),
    attempts: row.attempts as number,
    sequence: row.sequence as number,
    enqueuedAt: row.enqueued_at as string,
    availableAt: iso(row.available_ms as number),
    claimedBy: row.claimed_by as string | null,
    claimExpiresAt: row.claim_expires_ms === null ? null : iso(row.claim_expires_ms as number),
    lastError: row.last_error as string | null,
  };
}

/** Outbox ids are the row id, zero-padded so that they sort as strings too. */
function formatId(id: number): string {
  return String(id).padStart(12, '0');
}

function parseId(id: string): number | null {
  return /^\d{1,15}$/.test(id) ? Number(id) : null;
}

function toMs(timestamp: string | undefined, fallback: number): number {
  if (timestamp === undefined) return fallback;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? fallback : ms;
}

/**
 * The outbox. Every claim is one write transaction (`BEGIN IMMEDIATE`), so two
 * processes never claim the same entry, and a key with an entry in flight is
 * skipped, so no two entries of one topic + key are ever out at once.
 */
export function outboxOps(ctx: SqliteContext): OperationsOf<'enqueue' | 'claim' | 'ack' | 'release' | 'listOutbox'> {
  const nextSequence = () =>
    ctx
      .stmt(
        `INSERT INTO counters (name, value) VALUES ('outbox_sequence', 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
      )
      .get()?.value as number;

  return {
    enqueue: (entry) => {
      const payload = toJson(entry.payload, `the payload of outbox entry ${entry.topic}/${entry.key}`);
      return ctx.write(() => {
        const now = ctx.now();
        const sequence = nextSequence();
        const pending = ctx
          .stmt(
            `SELECT id FROM outbox WHERE tenant_id = ? AND topic = ? AND key = ? AND ${UNCLAIMED} ORDER BY id LIMIT 1`,
          )
          .get(entry.tenantId, entry.topic, entry.key, now);
        const row = pending
          ? ctx
              .stmt(
                `UPDATE outbox SET payload = ?, priority = min(priority, ?), sequence = ?,
                   available_ms = coalesce(?, available_ms), claimed_by = NULL, claim_expires_ms = NULL
                 WHERE id = ? RETURNING ${COLUMNS}`,
              )
              .get(
                payload,
                entry.priority ?? DEFAULT_PRIORITY,
                sequence,
                entry.availableAt === undefined ? null : toMs(entry.availableAt, now),
                pending.id as number,
              )
          : ctx
              .stmt(
                `INSERT INTO outbox (id, tenant_id, topic, key, priority, payload, attempts, sequence, enqueued_at,
                   available_ms) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING ${COLUMNS}`,
              )
              .get(
                sequence,
                entry.tenantId,
                entry.topic,
                entry.key,
                entry.priority ?? DEFAULT_PRIORITY,
                payload,
                sequence,
                iso(now),
                toMs(entry.availableAt, now),
              );
        return toEntry(row!);
      });
    },
    claim: ({ tenantId, topic, owner, limit, visibilityTimeoutMs }) =>
      ctx.write(() => {
        const now = ctx.now();
        const chosen: Row[] = [];
        const keys = new Set<string>();
        for (const row of ctx.stmt(CANDIDATES).iterate(tenantId, topic, now, now, now)) {
          if (chosen.length >= limit) break;
          if (keys.has(row.key as string)) continue;
          keys.add(row.key as string);
          chosen.push(row);
        }
        const expires = now + visibilityTimeoutMs;
        const mark = ctx.stmt('UPDATE outbox SET claimed_by = ?, claim_expires_ms = ? WHERE id = ?');
        return chosen.map((row) => {
          mark.run(owner, expires, row.id as number);
          return toEntry({ ...row, claimed_by: owner, claim_expires_ms: expires });
        });
      }),
    ack: (tenantId, ids, owner) =>
      ctx.write(() => {
        const now = ctx.now();
        const remove = ctx.stmt(
          'DELETE FROM outbox WHERE id = ? AND tenant_id = ? AND claimed_by = ? AND claim_expires_ms > ?',
        );
        let removed = 0;
        for (const id of ids) {
          const rowId = parseId(id);
          if (rowId !== null) removed += Number(remove.run(rowId, tenantId, owner, now).changes);
        }
        return removed;
      }),
    release: (tenantId, id, owner, { error, availableAt }) => {
      const rowId = parseId(id);
      if (rowId === null) return;
      ctx.write(() => {
        const now = ctx.now();
        ctx
          .stmt(
            `UPDATE outbox SET attempts = attempts + 1, last_error = ?, available_ms = ?, claimed_by = NULL,
               claim_expires_ms = NULL
             WHERE id = ? AND tenant_id = ? AND claimed_by = ?`,
          )
          .run(error ?? null, toMs(availableAt, now), rowId, tenantId, owner);
      });
    },
    listOutbox: ({ tenantId, topic, limit = 1000 }) => {
      const sql = topic
        ? `SELECT ${COLUMNS} FROM outbox WHERE tenant_id = ? AND topic = ? ORDER BY priority, sequence LIMIT ?`
        : `SELECT ${COLUMNS} FROM outbox WHERE tenant_id = ? ORDER BY priority, sequence LIMIT ?`;
      const params = topic ? [tenantId, topic, limit] : [tenantId, limit];
      return ctx
        .stmt(sql)
        .all(...params)
        .map(toEntry);
    },
  };
}
