import type { Lease } from '@omnisync/core';
import type { SqliteContext } from './sqlite-context';
import { iso, type OperationsOf } from './sync-operations';

const SELECT = 'SELECT owner, token, acquired_at, expires_ms FROM leases WHERE tenant_id = ? AND key = ?';
const UPSERT = `INSERT INTO leases (tenant_id, key, owner, token, acquired_at, expires_ms) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (tenant_id, key) DO UPDATE SET owner = excluded.owner, token = excluded.token,
    acquired_at = excluded.acquired_at, expires_ms = excluded.expires_ms`;

interface LeaseRow {
  owner: string | null;
  token: number;
  acquired_at: string | null;
  expires_ms: number;
}

/**
 * Leases. A released lease keeps its row (owner cleared) so that its fencing
 * token keeps growing across holders. Every decision is read and written under
 * the write lock, so two processes never both hold a key.
 */
export function leaseOps(
  ctx: SqliteContext,
): OperationsOf<'acquireLease' | 'renewLease' | 'releaseLease' | 'getLease'> {
  const read = (tenantId: string, key: string) => ctx.stmt(SELECT).get(tenantId, key) as LeaseRow | undefined;
  const live = (row: LeaseRow | undefined, now: number): row is LeaseRow & { owner: string } =>
    row !== undefined && row.owner !== null && row.expires_ms > now;
  const toLease = (tenantId: string, key: string, row: LeaseRow): Lease => ({
    tenantId,
    key,
    owner: row.owner ?? '',
    token: row.token,
    acquiredAt: row.acquired_at ?? iso(0),
    expiresAt: iso(row.expires_ms),
  });

  return {
    acquireLease: ({ tenantId, key, owner, ttlMs }) =>
      ctx.write(() => {
        const now = ctx.now();
        const held = read(tenantId, key);
        if (live(held, now) && held.owner !== owner) return null;
        const sameHolder = live(held, now) && held.owner === owner;
        const next: LeaseRow = {
          owner,
          token: sameHolder ? held.token : (held?.token ?? 0) + 1,
          acquired_at: sameHolder && held.acquired_at ? held.acquired_at : iso(now),
          expires_ms: now + ttlMs,
        };
        ctx.stmt(UPSERT).run(tenantId, key, owner, next.token, next.acquired_at, next.expires_ms);
        return toLease(tenantId, key, next);
      }),
    renewLease: (lease, ttlMs) =>
      ctx.write(() => {
        const held = read(lease.tenantId, lease.key);
        // An expired lease nobody took over is still ours: the token proves it.
        if (!held || held.owner !== lease.owner || held.token !== lease.token) return null;
        const expires = ctx.now() + ttlMs;
        ctx
          .stmt('UPDATE leases SET expires_ms = ? WHERE tenant_id = ? AND key = ?')
          .run(expires, lease.tenantId, lease.key);
        return toLease(lease.tenantId, lease.key, { ...held, expires_ms: expires });
      }),
    releaseLease: (lease) => {
      ctx.write(() =>
        ctx
          .stmt(
            'UPDATE leases SET owner = NULL, expires_ms = 0 WHERE tenant_id = ? AND key = ? AND owner = ? AND token = ?',
          )
          .run(lease.tenantId, lease.key, lease.owner, lease.token),
      );
    },
    getLease: (tenantId, key) => {
      const held = read(tenantId, key);
      return live(held, ctx.now()) ? toLease(tenantId, key, held) : null;
    },
  };
}
