/**
 * The store's schema as numbered migrations. A migration is applied once, in
 * order, inside the transaction that opens the store; a released migration is
 * never edited, only followed by a new one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Marks a SQLite file as an omnisync store (`omnisync_meta.format`). */
export const STORE_FORMAT = 'omnisync-store';

/** `PRAGMA application_id` of an omnisync store: "OMNI" in ASCII, so `file(1)`-like tools can tell. */
export const APPLICATION_ID = 0x4f4d4e49;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'leases, cursors, order ledger, listing snapshots, mappings, action log, outbox, values',
    sql: `
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;

      CREATE TABLE leases (
        tenant_id TEXT NOT NULL, key TEXT NOT NULL,
        owner TEXT, token INTEGER NOT NULL, acquired_at TEXT, expires_ms INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, key)
      ) WITHOUT ROWID;

      CREATE TABLE cursors (
        tenant_id TEXT NOT NULL, key TEXT NOT NULL,
        value TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, key)
      ) WITHOUT ROWID;

      CREATE TABLE ledger (
        id INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL, channel_id TEXT NOT NULL, external_id TEXT NOT NULL,
        state TEXT NOT NULL, sale_id TEXT, channel_updated_at TEXT,
        data TEXT NOT NULL, revision INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX ledger_by_order ON ledger (tenant_id, channel_id, external_id);
      CREATE INDEX ledger_by_state ON ledger (tenant_id, state, channel_id, external_id);

      CREATE TABLE listings (
        id INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL, channel_id TEXT NOT NULL, key TEXT NOT NULL,
        listing_id TEXT NOT NULL, variant_id TEXT, sku TEXT, title TEXT NOT NULL, status TEXT NOT NULL,
        quantity INTEGER, price TEXT, attributes TEXT NOT NULL, updated_at TEXT NOT NULL, raw TEXT,
        seen_in_scan TEXT, seen_at TEXT, pushed_quantity INTEGER, pushed_at TEXT
      );
      CREATE UNIQUE INDEX listings_by_key ON listings (tenant_id, channel_id, key);
      CREATE INDEX listings_by_sku ON listings (tenant_id, sku, channel_id, key);

      CREATE TABLE mappings (
        id INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL, target_id TEXT NOT NULL, item_id TEXT NOT NULL, modifier_id TEXT NOT NULL,
        external_id TEXT NOT NULL
      );
      CREATE UNIQUE INDEX mappings_by_item ON mappings (tenant_id, target_id, item_id, modifier_id);
      CREATE INDEX mappings_by_external_id ON mappings (tenant_id, target_id, external_id);

      CREATE TABLE actions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id TEXT NOT NULL, at TEXT NOT NULL, channel_id TEXT,
        subject_type TEXT NOT NULL, subject_id TEXT NOT NULL, action TEXT NOT NULL,
        outcome TEXT NOT NULL, message TEXT NOT NULL, details TEXT NOT NULL
      );
      CREATE INDEX actions_by_tenant ON actions (tenant_id, id);
      CREATE INDEX actions_by_subject ON actions (tenant_id, subject_type, subject_id, id);
      CREATE INDEX actions_by_channel ON actions (tenant_id, channel_id, id);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL, topic TEXT NOT NULL, key TEXT NOT NULL,
        priority INTEGER NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL,
        sequence INTEGER NOT NULL, enqueued_at TEXT NOT NULL, available_ms INTEGER NOT NULL,
        claimed_by TEXT, claim_expires_ms INTEGER, last_error TEXT
      );
      CREATE INDEX outbox_by_order ON outbox (tenant_id, topic, priority, sequence);
      CREATE INDEX outbox_by_key ON outbox (tenant_id, topic, key);

      CREATE TABLE store_values (
        tenant_id TEXT NOT NULL, namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (tenant_id, namespace, key)
      );
    `,
  },
];

/** The newest schema version this code knows. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
