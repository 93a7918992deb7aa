import { DatabaseSync } from 'node:sqlite';

/**
 * The host ERP's own database: its tables, its rules. omnisync never touches
 * them directly; the ERP's PosConnectorV1 (erp-pos-connector.ts) is the only bridge.
 */
export function openErpDatabase(path = ':memory:'): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec(`
    CREATE TABLE IF NOT EXISTS articles (
      id INTEGER PRIMARY KEY, code TEXT, name TEXT NOT NULL, price_cents INTEGER NOT NULL,
      changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
    CREATE TABLE IF NOT EXISTS stock (article_id INTEGER, store TEXT, qty INTEGER, blocked INTEGER DEFAULT 0,
      PRIMARY KEY (article_id, store));
    CREATE TABLE IF NOT EXISTS sales (
      id INTEGER PRIMARY KEY, ext_key TEXT UNIQUE NOT NULL, number TEXT, status TEXT NOT NULL, currency TEXT,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
    CREATE TABLE IF NOT EXISTS sale_lines (sale_id INTEGER, article_id INTEGER, qty INTEGER, price TEXT);
    CREATE TABLE IF NOT EXISTS payments (ext_key TEXT PRIMARY KEY, sale_id INTEGER, amount TEXT, currency TEXT);
  `);
  return db;
}
