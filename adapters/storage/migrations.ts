import { GENESIS_HASH } from '../../bot/audit/audit-hash';
import type { SqlDialect } from './sql-driver';

/**
 * Schema changes, forward only. Never edit a released migration: add the next
 * version. Each statement is one string so both drivers can run it as is.
 * BIGINT holds epoch-ms times (SQLite reads it as INTEGER); JSON is stored as TEXT.
 */
export interface Migration {
  version: number;
  name: string;
  statements(d: SqlDialect): string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: (d) => [
      `CREATE TABLE workflows (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        home TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      'CREATE INDEX workflows_kind_status ON workflows (kind, status)',

      'CREATE TABLE inbox (delivery_key TEXT PRIMARY KEY, received_at BIGINT NOT NULL)',
      'CREATE INDEX inbox_received_at ON inbox (received_at)',

      `CREATE TABLE outbox (
        id ${d.autoId},
        workflow_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        effect TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        claimed_until BIGINT,
        last_error TEXT,
        created_at BIGINT NOT NULL
      )`,
      'CREATE INDEX outbox_due ON outbox (status, next_attempt_at)',
      'CREATE INDEX outbox_workflow ON outbox (workflow_id, status, id)',

      `CREATE TABLE timers (
        workflow_id TEXT NOT NULL,
        send_id TEXT NOT NULL,
        due_at BIGINT NOT NULL,
        event TEXT NOT NULL,
        claimed_until BIGINT,
        PRIMARY KEY (workflow_id, send_id)
      )`,
      'CREATE INDEX timers_due ON timers (due_at)',

      `CREATE TABLE audit (
        seq BIGINT PRIMARY KEY,
        at BIGINT NOT NULL,
        actor_entra_id TEXT,
        actor_platform_id TEXT,
        workflow_id TEXT,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      )`,
      'CREATE INDEX audit_at ON audit (at)',
      'CREATE INDEX audit_workflow ON audit (workflow_id, seq)',
      // One row: the chain's last seq and hash. Appenders lock it, so the chain never forks.
      'CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)',
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}')`,

      `CREATE TABLE card_refs (
        workflow_id TEXT NOT NULL,
        card_key TEXT NOT NULL,
        ref TEXT NOT NULL,
        PRIMARY KEY (workflow_id, card_key)
      )`,
      'CREATE TABLE conversation_refs (ref_key TEXT PRIMARY KEY, ref TEXT NOT NULL)',
      `CREATE TABLE identities (
        platform TEXT NOT NULL,
        platform_user_id TEXT NOT NULL,
        entra_object_id TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (platform, platform_user_id)
      )`,
      'CREATE TABLE watermarks (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
      'CREATE TABLE alerts (dedupe_key TEXT PRIMARY KEY, recorded_at BIGINT NOT NULL)',
      'CREATE TABLE leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at BIGINT NOT NULL)',
    ],
  },
  {
    version: 2,
    name: 'workflows by conversation',
    // Commands without an incident id look the incident up by the conversation they were typed in.
    statements: (d) => [
      'ALTER TABLE workflows ADD COLUMN home_key TEXT',
      'CREATE INDEX workflows_kind_home ON workflows (kind, home_key)',
      d.name === 'sqlite'
        ? "UPDATE workflows SET home_key = json_extract(home, '$.platform') || '|' || json_extract(home, '$.conversationId')"
        : "UPDATE workflows SET home_key = (home::jsonb ->> 'platform') || '|' || (home::jsonb ->> 'conversationId')",
    ],
  },
  {
    version: 3,
    name: 'identity mappings expire',
    // A stored email mapping is re-checked after a while (the address may have moved to someone else);
    // rows from before this column count as old, so they are re-checked on first use.
    statements: () => ['ALTER TABLE identities ADD COLUMN mapped_at BIGINT NOT NULL DEFAULT 0'],
  },
  {
    version: 4,
    name: 'keyed audit chain',
    // Entries chained with an HMAC record the key's id; older rows keep NULL and stay sha256-verified.
    statements: () => ['ALTER TABLE audit ADD COLUMN key_id TEXT'],
  },
  {
    version: 5,
    name: 'workflow listings in pages',
    // Listings read open workflows a page at a time (keyset on created_at, id), yielding between pages;
    // this index lets each page start where the last ended instead of sorting every row again.
    // Closed incidents are read by when they last changed (declared emergency use), not all of them.
    statements: () => [
      'CREATE INDEX workflows_kind_status_created ON workflows (kind, status, created_at, id)',
      'CREATE INDEX workflows_kind_status_updated ON workflows (kind, status, updated_at)',
    ],
  },
  {
    version: 6,
    name: 'inbound deliveries with their answers',
    // Every inbound delivery is recorded before any handler runs (read-only commands and refusals too), with
    // the answer once there is one: a repeat is dropped, and a lost synchronous answer is re-sent, not recomputed.
    statements: () => ['CREATE TABLE inbound (delivery_key TEXT PRIMARY KEY, claimed_at BIGINT NOT NULL, answered_at BIGINT, answer TEXT)', 'CREATE INDEX inbound_claimed_at ON inbound (claimed_at)'],
  },
  {
    version: 7,
    name: 'outbox lanes',
    // Effects wait per destination (a conversation, a person, a channel; Graph per workflow), not per
    // workflow: a page that keeps failing holds only its own lane. Rows from before get one lane per
    // workflow and keep running one at a time. A card update superseded by a newer one of the same card
    // is skipped (supersede_key), because a card shows only its last state.
    statements: () => [
      "ALTER TABLE outbox ADD COLUMN lane TEXT NOT NULL DEFAULT ''",
      'ALTER TABLE outbox ADD COLUMN supersede_key TEXT',
      "UPDATE outbox SET lane = 'workflow:' || workflow_id",
      'CREATE INDEX outbox_lane ON outbox (lane, status, id)',
      // The supersede check looks for a newer pending row of the same card: without this it scans a whole lane per row.
      'CREATE INDEX outbox_supersede ON outbox (workflow_id, supersede_key, status, id)',
    ],
  },
  {
    version: 8,
    name: 'workflow summaries',
    // What listings need of a workflow (an open request's requester, role, phase, deadline), written with every
    // step: `elevations` read and parsed every open request's whole snapshot. Rows from before have none until
    // their next step; listings read those few snapshots instead.
    statements: () => ['ALTER TABLE workflows ADD COLUMN summary TEXT'],
  },
];
