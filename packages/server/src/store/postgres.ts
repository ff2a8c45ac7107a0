import { timingSafeEqual } from 'node:crypto';
import pg from 'pg';
import type { BookingStatus, ClubStatus } from '@vereinsraum/protocol';
import { clubColumns, clubFromRow, type ClubRoomRow, clubRoomFromRow, clubRoomToRow, type ClubRow, clubToRow } from './club-rows.js';
import type { ClubChange, ClubQuery, ClubRecord, ClubRoomRecord, ClubSession, ClubSignin } from './clubs.js';
import { MIGRATIONS, newerSchema, SCHEMA_VERSION } from './migrations.js';
import {
  type BookingRow,
  type ChatConfirmationRow,
  confirmationFromRow,
  fromRow,
  inviteFromRow,
  type InviteRow,
  inviteToRow,
  mailFromRow,
  type MailRow,
  conferenceFromRow,
  type ConferenceRow,
  conferenceToRow,
  DAILY_COLUMNS,
  openRoomFromRow,
  type OpenRoomRow,
  openRoomToRow,
  toRow,
} from './rows.js';
import {
  type AuditEntry,
  type BookingChange,
  type BookingChat,
  type BookingQuery,
  type BookingRecord,
  type ChatConfirmation,
  type ChatConfirmationUse,
  type ConferenceRecord,
  type DailyUsage,
  type InviteRecord,
  type JoinCount,
  type OpenRoomCreation,
  type OpenRoomRecord,
  type OutboxMail,
  type PurgeResult,
  type Store,
  type StatusListening,
  type StoredMail,
  type UsageQuery,
  StoreUnavailableError,
} from './types.js';

/** How {@link PgStore.open} connects; the config's `store` section (`"type": "postgres"`) has the same fields. */
export interface PgStoreOptions {
  /** `postgresql://user:password@host:5432/database`; TLS and the like as query parameters (`?sslmode=require`). */
  url: string;
  /** Connections kept open at most (default 10). */
  poolSize?: number;
  /** How long to wait for a connection, in ms (default 5000). */
  connectTimeoutMs?: number;
  /** How long one statement may run, in ms (default 15000). */
  statementTimeoutMs?: number;
}

/**
 * SQLSTATE classes and codes that mean "not now": the connection failed or
 * was lost (08), the server lacks resources (53: disk full, out of memory,
 * too many connections), is shutting down or starting (57P01–57P03), a
 * statement ran out of time (57014) or waited too long for a lock (55P03),
 * the transaction collided with another (40001, 40P01), the database is
 * read-only (25006, a standby), or the disk failed (58).
 */
const UNAVAILABLE_STATES = /^(?:08|53|58|57P0[123]$|57014$|55P03$|40001$|40P01$|25006$)/;
/** The socket's errors when the server is not there (or went away). */
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** The driver's own words for a connection that is gone or never came (these errors have no code). */
const UNAVAILABLE_DRIVER =
  /^(?:Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/** Invites of no booking are kept this long after they expired, so that a late visitor hears "expired". */
const EXPIRED_INVITE_KEEP_MS = 30 * 86_400_000;

/** Client hits (per-client limits) are kept at most this long; no limit's window is longer. */
const HIT_KEEP_MS = 86_400_000;

/** Singleton jobs' advisory locks are named this, then the job's name. */
const JOB_LOCK = 'vereinsraum.job.';

/** The advisory lock under which migrations run, by name (`hashtextextended` makes it a 64-bit key). */
const MIGRATION_LOCK = 'vereinsraum.migrate';

/** `error` as {@link StoreUnavailableError} when it means "not now", else undefined. */
function unavailable(error: unknown): StoreUnavailableError | undefined {
  if (!(error instanceof Error) || error instanceof StoreUnavailableError) return undefined;
  const code = (error as { code?: unknown }).code;
  const known = typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_SOCKET.has(code));
  if (!known && !UNAVAILABLE_DRIVER.test(error.message)) return undefined;
  return new StoreUnavailableError(`${typeof code === 'string' ? `${code} ` : ''}(${error.message})`, { cause: error });
}

/** A fixed, nameable row insert: `INSERT INTO table (a, b) VALUES ($1, $2)` from an object of columns. */
function insert(table: string, row: object): [string, unknown[]] {
  const columns = Object.keys(row);
  return [`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row)];
}

type Client = Pick<pg.PoolClient, 'query'>;

/**
 * The store for several server instances: a PostgreSQL database (13 or
 * newer) through a pool of `pg` connections. Same semantics as
 * `SqliteStore`, with the database's own locks where SQLite has one writer:
 * a challenge is used once (its unique key, in the booking's transaction),
 * status changes lock the booking's row, the outbox is claimed with
 * `FOR UPDATE SKIP LOCKED` (two instances never send one mail twice), a chat
 * confirmation's row is locked while it is used.
 *
 * {@link PgStore.open} runs the migrations first, in one transaction under an
 * advisory lock, so instances that start together migrate once; it refuses a
 * database whose schema is newer than this code. Errors that mean "not now"
 * (connection refused or lost, too many connections, shutdown, disk full,
 * read-only, timeouts) become {@link StoreUnavailableError}; the pool
 * connects again by itself once the server is back.
 *
 * @example
 * ```ts
 * import { PgStore } from '@vereinsraum/server/node';
 * const store = await PgStore.open({ url: process.env.DATABASE_URL!, poolSize: 10 });
 * const handler = createHandler(config, { store, keys });
 * ```
 */
export class PgStore implements Store {
  /** The schema version this code writes. */
  static readonly version = SCHEMA_VERSION;
  private closed?: Promise<void>;
  private listener?: StatusListener;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PgStoreOptions,
  ) {}

  /**
   * Connect, and bring the database's schema up to {@link PgStore.version}.
   *
   * @throws `StoreUnavailableError` (`@vereinsraum/server`) when the server cannot be reached, and an Error when the
   * database's schema is newer than this code's (or the role may not create tables).
   */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    const types = new pg.TypeOverrides();
    // BIGINT (times in ms, ids, counts) as numbers: every value the store keeps is below 2^53.
    types.setTypeParser(pg.types.builtins.INT8, Number);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      // A transaction left open by a stuck request would hold its locks (a booking, the outbox's rows).
      idle_in_transaction_session_timeout: 60_000,
      keepAlive: true,
      application_name: 'vereinsraum',
      types,
    });
    // An idle connection the server closed (a restart, say): the pool drops it and the next query
    // opens a new one. Without a listener the error would end the process.
    pool.on('error', () => {});
    const store = new PgStore(pool, options);
    try {
      await store.migrate(databaseName(options.url));
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  /** The migrations: one transaction under an advisory lock, so two instances starting at once migrate once. */
  private async migrate(database: string): Promise<void> {
    await this.transaction(async (client) => {
      // Waiting for another instance's migration is not a slow statement.
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS vereinsraum_schema (
           version INTEGER PRIMARY KEY,
           what TEXT NOT NULL,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
      );
      const current = (await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM vereinsraum_schema'))
        .rows[0]!.version;
      if (current > SCHEMA_VERSION) throw newerSchema(`the PostgreSQL database ${database}`, current);
      for (let version = current; version < SCHEMA_VERSION; version++) {
        await client.query(MIGRATIONS[version]!.postgres);
        await client.query('INSERT INTO vereinsraum_schema (version, what) VALUES ($1, $2)', [version + 1, MIGRATIONS[version]!.what]);
      }
    });
  }

  /** Run `work`; the driver's errors that mean "not now" become {@link StoreUnavailableError}. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw unavailable(error) ?? error;
    }
  }

  /** One statement, on whichever connection of the pool is free. */
  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.guard(() => this.pool.query<R>(text, values));
  }

  /**
   * Run `work` in one transaction on one connection: committed when it
   * returns, rolled back when it throws. A connection that fails on the way
   * is closed instead of going back to the pool.
   */
  private async transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const client = await this.pool.connect();
      // A connection lost between two statements reports it as an event; the next statement fails with it.
      const ignore = (): void => {};
      client.on('error', ignore);
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        client.off('error', ignore);
        client.release(broken);
      }
    });
  }

  async createBooking(booking: BookingRecord, change: BookingChange, challenge: { id: string; expiresAt: number }): Promise<boolean> {
    return this.transaction(async (client) => {
      // The challenge's key decides: a second booking with it waits for the first one's commit, then inserts nothing.
      const used = await client.query('INSERT INTO used_challenges (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
        challenge.id,
        challenge.expiresAt,
      ]);
      if (used.rowCount === 0) return false;
      await client.query(...insert('bookings', toRow(booking)));
      await this.writeChange(client, booking.id, change, booking.updatedAt);
      return true;
    });
  }

  private async writeChange(client: Client, id: string, change: BookingChange, now: number): Promise<void> {
    for (const entry of change.audit) {
      await client.query('INSERT INTO audit (booking_id, action, actor, reason, at) VALUES ($1, $2, $3, $4, $5)', [
        id,
        entry.action,
        entry.actor,
        entry.reason,
        entry.at,
      ]);
    }
    for (const mail of change.mails) await this.insertMail(client, id, mail, now);
    for (const invite of change.invites ?? []) await client.query(...insert('invites', inviteToRow(invite)));
  }

  private async insertMail(client: Client, bookingId: string | null, mail: OutboxMail, now: number): Promise<void> {
    await client.query(
      'INSERT INTO outbox (booking_id, kind, recipient, subject, body, attachments, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [bookingId, mail.kind, mail.to, mail.subject, mail.text, JSON.stringify(mail.attachments), now],
    );
  }

  async getBooking(id: string): Promise<BookingRecord | undefined> {
    const row = (await this.query<BookingRow>('SELECT * FROM bookings WHERE id = $1', [id])).rows[0];
    return row && fromRow(row);
  }

  async getBookingByRoom(tenant: string, room: string): Promise<BookingRecord | undefined> {
    const row = (
      await this.query<BookingRow>("SELECT * FROM bookings WHERE tenant = $1 AND room = $2 AND status = 'approved'", [tenant, room])
    ).rows[0];
    return row && fromRow(row);
  }

  async listBookings(query: BookingQuery): Promise<BookingRecord[]> {
    const { rows } = await this.query<BookingRow>(
      `SELECT * FROM bookings WHERE ($1::text IS NULL OR tenant = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)
       ORDER BY first_start, id COLLATE "C" LIMIT $4`,
      [query.tenant ?? null, query.status ?? null, query.kind ?? null, query.limit ?? 1000],
    );
    return rows.map(fromRow);
  }

  async countBookingsByEmail(tenant: string, emailKey: string, since: number): Promise<number> {
    return (
      await this.query<{ n: number }>('SELECT count(*) AS n FROM bookings WHERE tenant = $1 AND email_key = $2 AND created_at >= $3', [
        tenant,
        emailKey,
        since,
      ])
    ).rows[0]!.n;
  }

  async updateBooking(
    id: string,
    from: BookingStatus[],
    changes: Pick<BookingRecord, 'status' | 'updatedAt'> & Partial<Pick<BookingRecord, 'room' | 'invites'>>,
    change: BookingChange,
  ): Promise<BookingRecord | undefined> {
    return this.transaction(async (client) => {
      // The row stays locked until the commit: a second change waits, then sees the new status.
      const row = (await client.query<BookingRow>('SELECT * FROM bookings WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!row || !from.includes(row.status as BookingStatus)) return undefined;
      const next: BookingRecord = { ...fromRow(row), ...changes };
      await client.query('UPDATE bookings SET status = $2, room = $3, invites = $4, updated_at = $5 WHERE id = $1', [
        id,
        next.status,
        next.room,
        next.invites ? JSON.stringify(next.invites) : null,
        next.updatedAt,
      ]);
      await this.writeChange(client, id, change, changes.updatedAt);
      return next;
    });
  }

  async setBookingChat(id: string, chat: BookingChat): Promise<BookingRecord | undefined> {
    const row = (await this.query<BookingRow>('UPDATE bookings SET chat = $2 WHERE id = $1 RETURNING *', [id, JSON.stringify(chat)]))
      .rows[0];
    return row && fromRow(row);
  }

  async addChange(id: string, change: BookingChange, at: number): Promise<void> {
    await this.transaction((client) => this.writeChange(client, id, change, at));
  }

  async audit(id: string): Promise<AuditEntry[]> {
    return (await this.query<AuditEntry>('SELECT action, actor, reason, at FROM audit WHERE booking_id = $1 ORDER BY id', [id])).rows;
  }

  async isTrusted(tenant: string, emailKey: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM contacts WHERE tenant = $1 AND email_key = $2', [tenant, emailKey])).rows.length > 0;
  }

  async setTrusted(tenant: string, emailKey: string, trusted: boolean, by: string, at: number): Promise<void> {
    if (trusted) {
      await this.query(
        `INSERT INTO contacts (tenant, email_key, trusted_by, trusted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant, email_key) DO UPDATE SET trusted_by = excluded.trusted_by, trusted_at = excluded.trusted_at`,
        [tenant, emailKey, by, at],
      );
    } else {
      await this.query('DELETE FROM contacts WHERE tenant = $1 AND email_key = $2', [tenant, emailKey]);
    }
  }

  async claimMails(now: number, claimUntil: number, limit: number): Promise<StoredMail[]> {
    // Rows another sender is claiming right now are skipped, not waited for; once it committed, their
    // next attempt lies in the future and they no longer qualify.
    const { rows } = await this.query<MailRow>(
      `UPDATE outbox SET next_attempt = $2 WHERE id IN (
         SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt <= $1 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
       ) RETURNING *`,
      [now, claimUntil, limit],
    );
    return rows.sort((a, b) => a.id - b.id).map(mailFromRow);
  }

  async markMailSent(id: number, at: number): Promise<void> {
    await this.query('UPDATE outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1', [id, at]);
  }

  async markMailFailed(id: number, error: string, retryAt: number): Promise<void> {
    await this.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt = $3 WHERE id = $1', [
      id,
      error.slice(0, 500),
      retryAt,
    ]);
  }

  async listMails(limit: number): Promise<StoredMail[]> {
    return (await this.query<MailRow>('SELECT * FROM outbox ORDER BY id DESC LIMIT $1', [limit])).rows.map(mailFromRow);
  }

  async addChatConfirmation(c: ChatConfirmation, now: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM chat_confirmations WHERE expires_at <= $1', [now]);
      await client.query(
        'INSERT INTO chat_confirmations (id, code_hash, tenant, room, channel_id, user_id, role, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [c.id, c.codeHash, c.tenant, c.room, c.channelId, c.userId, c.role, c.expiresAt],
      );
    });
  }

  async useChatConfirmation(
    id: string,
    codeHash: string,
    where: { tenant: string; room: string },
    now: number,
    maxWrong: number,
  ): Promise<ChatConfirmationUse> {
    return this.transaction(async (client): Promise<ChatConfirmationUse> => {
      // Locked until the commit: a second use at the same moment waits, then finds it gone (or counted).
      const row = (
        await client.query<ChatConfirmationRow>(
          'SELECT * FROM chat_confirmations WHERE id = $1 AND tenant = $2 AND room = $3 AND expires_at > $4 FOR UPDATE',
          [id, where.tenant, where.room, now],
        )
      ).rows[0];
      if (!row) return { result: 'expired' };
      const given = Buffer.from(codeHash, 'utf8');
      const kept = Buffer.from(row.code_hash, 'utf8');
      if (given.length !== kept.length || !timingSafeEqual(given, kept)) {
        if (row.wrong + 1 >= maxWrong) await client.query('DELETE FROM chat_confirmations WHERE id = $1', [id]);
        else await client.query('UPDATE chat_confirmations SET wrong = wrong + 1 WHERE id = $1', [id]);
        return { result: 'wrong' };
      }
      await client.query('DELETE FROM chat_confirmations WHERE id = $1', [id]);
      return { result: 'used', confirmation: confirmationFromRow(row) };
    });
  }

  async createOpenRoom(
    room: OpenRoomRecord,
    hostInvite: InviteRecord,
    challenge: { id: string; expiresAt: number },
    maxOpen: number,
    now: number,
  ): Promise<OpenRoomCreation> {
    return this.transaction(async (client) => {
      // The tenant's rooms are counted under a lock of the tenant's own, held until the commit: two instances
      // opening the last free room at once take turns, and the second counts the first one's room.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('vereinsraum.open-rooms:' || $1, 0))", [room.tenant]);
      const { open } = (
        await client.query<{ open: number }>('SELECT count(*)::int AS open FROM open_rooms WHERE tenant = $1 AND expires_at > $2', [
          room.tenant,
          now,
        ])
      ).rows[0]!;
      if (open >= maxOpen) return 'full';
      const used = await client.query('INSERT INTO used_challenges (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
        challenge.id,
        challenge.expiresAt,
      ]);
      if (used.rowCount === 0) return 'challenge_used';
      await client.query(...insert('open_rooms', openRoomToRow(room)));
      await client.query(...insert('invites', inviteToRow(hostInvite)));
      return 'created';
    });
  }

  async getOpenRoom(tenant: string, id: string): Promise<OpenRoomRecord | undefined> {
    const row = (await this.query<OpenRoomRow>('SELECT * FROM open_rooms WHERE tenant = $1 AND id = $2', [tenant, id])).rows[0];
    return row && openRoomFromRow(row);
  }

  async extendOpenRoom(tenant: string, id: string, expiresAt: number): Promise<void> {
    await this.query('UPDATE open_rooms SET expires_at = GREATEST(expires_at, $1) WHERE tenant = $2 AND id = $3', [expiresAt, tenant, id]);
  }

  async addInvite(invite: InviteRecord): Promise<void> {
    await this.query(...insert('invites', inviteToRow(invite)));
  }

  async getInvite(id: string): Promise<InviteRecord | undefined> {
    const row = (await this.query<InviteRow>('SELECT * FROM invites WHERE id = $1', [id])).rows[0];
    return row && inviteFromRow(row);
  }

  async isRevoked(jti: string, now: number): Promise<boolean> {
    return (await this.query('SELECT 1 FROM revocations WHERE jti = $1 AND until > $2', [jti, now])).rows.length > 0;
  }

  async revoke(jti: string, until: number): Promise<void> {
    await this.query(
      'INSERT INTO revocations (jti, until) VALUES ($1, $2) ON CONFLICT (jti) DO UPDATE SET until = GREATEST(revocations.until, excluded.until)',
      [jti, until],
    );
  }

  async sharedSecret(name: string, candidate: Uint8Array, expiresAt: number | null): Promise<Uint8Array> {
    // The key decides: of two instances at once, the second waits for the first one's commit and inserts nothing.
    await this.query('INSERT INTO shared_secrets (name, secret, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
      name,
      Buffer.from(candidate),
      expiresAt,
    ]);
    return new Uint8Array(
      (await this.query<{ secret: Buffer }>('SELECT secret FROM shared_secrets WHERE name = $1', [name])).rows[0]!.secret,
    );
  }

  async countHits(keys: string[], since: number): Promise<{ count: number; oldest: number | null }> {
    const row = (
      await this.query<{ count: number; oldest: number | null }>(
        'SELECT count(*) AS count, min(at) AS oldest FROM client_hits WHERE key = ANY ($1::text[]) AND at >= $2',
        [keys, since],
      )
    ).rows[0]!;
    return { count: row.count, oldest: row.oldest };
  }

  async addHit(key: string, at: number, since: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM client_hits WHERE key = $1 AND at < $2', [key, since]);
      await client.query('INSERT INTO client_hits (key, at) VALUES ($1, $2)', [key, at]);
    });
  }

  async leaseBooking(id: string, holder: string, now: number, until: number): Promise<boolean> {
    // One UPDATE: the row's lock makes a second one at once wait, then see the lease taken.
    const result = await this.query(
      'UPDATE bookings SET lease_holder = $2, lease_until = $3 WHERE id = $1 AND (lease_until IS NULL OR lease_until <= $4 OR lease_holder = $2)',
      [id, holder, until, now],
    );
    return result.rowCount === 1;
  }

  async releaseBooking(id: string, holder: string): Promise<void> {
    await this.query('UPDATE bookings SET lease_holder = NULL, lease_until = NULL WHERE id = $1 AND lease_holder = $2', [id, holder]);
  }

  async claimStatus(room: string, holder: string, now: number, until: number): Promise<boolean> {
    const result = await this.query(
      `INSERT INTO status_claims (room, holder, until) VALUES ($1, $2, $3)
       ON CONFLICT (room) DO UPDATE SET holder = excluded.holder, until = excluded.until WHERE status_claims.until <= $4`,
      [room, holder, until, now],
    );
    return result.rowCount === 1;
  }

  async putStatus(room: string, status: string, checkedAt: number): Promise<void> {
    // Written and told in one statement: the notification goes out with the commit, to every instance listening.
    await this.query(
      `WITH written AS (
         INSERT INTO status_claims (room, holder, until, status, checked_at) VALUES ($1, '', 0, $2, $3)
         ON CONFLICT (room) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at
       )
       SELECT pg_notify($4, json_build_object('room', $1::text, 'status', $2::text, 'checkedAt', $3::bigint)::text)`,
      [room, status, checkedAt, STATUS_CHANNEL],
    );
  }

  /**
   * Hear every room status any instance writes ({@link PgStore.putStatus}),
   * on a connection of its own that `LISTEN`s. When it breaks (a restart of
   * the database, a network failure) it connects again by itself, waiting
   * 0.25 s, then longer up to 5 s; since notifications sent meanwhile are
   * lost, `onReconnect` is called once it listens again, to read the state
   * anew. One listener per store; {@link PgStore.close} ends it.
   */
  listenStatus(onPublished: (room: string, status: string, checkedAt: number) => void, onReconnect: () => void): StatusListening {
    this.listener?.close();
    this.listener = new StatusListener(this.options, onPublished, onReconnect);
    return this.listener;
  }

  async getStatus(room: string): Promise<{ status: string; checkedAt: number } | undefined> {
    const row = (
      await this.query<{ status: string; checked_at: number }>(
        'SELECT status, checked_at FROM status_claims WHERE room = $1 AND status IS NOT NULL',
        [room],
      )
    ).rows[0];
    return row && { status: row.status, checkedAt: row.checked_at };
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async runExclusive<T>(name: string, job: () => Promise<T>): Promise<T | undefined> {
    // A session lock on a connection of its own, held while the job runs (its queries use other connections);
    // if the process dies, the connection ends and the lock with it.
    const lock = `${JOB_LOCK}${name}`;
    const client = await this.guard(() => this.pool.connect());
    const ignore = (): void => {};
    client.on('error', ignore);
    // A connection that failed is closed instead of going back to the pool (with a lock it may still hold).
    let broken = true;
    try {
      const got = await this.guard(() =>
        client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got', [lock]),
      );
      if (!got.rows[0]!.got) {
        broken = false;
        return undefined;
      }
      try {
        return await job();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lock]).then(
          () => (broken = false),
          () => {},
        );
      }
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  async countJoin(count: Omit<JoinCount, 'joins'>, at: number): Promise<void> {
    await this.query(
      `INSERT INTO usage_joins (day, tenant, room, role, backend, joins, last_at) VALUES ($1, $2, $3, $4, $5, 1, $6)
       ON CONFLICT (day, tenant, room, role) DO UPDATE SET joins = usage_joins.joins + 1, backend = excluded.backend,
         last_at = GREATEST(usage_joins.last_at, excluded.last_at)`,
      [count.day, count.tenant, count.room, count.role, count.backend, at],
    );
  }

  async recentJoinRooms(backend: string, since: number): Promise<Array<{ tenant: string; room: string }>> {
    return (
      await this.query<{ tenant: string; room: string }>(
        'SELECT DISTINCT tenant, room FROM usage_joins WHERE backend = $1 AND last_at >= $2 ORDER BY tenant, room',
        [backend, since],
      )
    ).rows;
  }

  async openConferences(backend: string): Promise<ConferenceRecord[]> {
    const result = await this.query<ConferenceRow>(
      'SELECT * FROM usage_conferences WHERE backend = $1 AND ended_at IS NULL ORDER BY started_at',
      [backend],
    );
    return result.rows.map(conferenceFromRow);
  }

  async saveConference(conference: ConferenceRecord): Promise<void> {
    const [text, values] = insert('usage_conferences', { ...conferenceToRow(conference), ended_at: null });
    await this.query(
      `${text} ON CONFLICT (id) DO UPDATE SET last_sample_at = excluded.last_sample_at, last_count = excluded.last_count, peak = excluded.peak,
         participants = excluded.participants, participant_ms = excluded.participant_ms, conference_ms = excluded.conference_ms
       WHERE usage_conferences.ended_at IS NULL`,
      values,
    );
  }

  async endConference(conference: ConferenceRecord & { endedAt: number }, day: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const row = conferenceToRow(conference);
      const [text, values] = insert('usage_conferences', row);
      const ended = await client.query(
        `${text} ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, last_sample_at = excluded.last_sample_at,
           last_count = excluded.last_count, peak = excluded.peak, participants = excluded.participants,
           participant_ms = excluded.participant_ms, conference_ms = excluded.conference_ms
         WHERE usage_conferences.ended_at IS NULL`,
        values,
      );
      if (ended.rowCount !== 1) return false;
      await client.query(
        `INSERT INTO usage_daily (day, tenant, room, conferences, participants, peak, participant_ms, conference_ms) VALUES ($1, $2, $3, 1, $4, $5, $6, $7)
         ON CONFLICT (day, tenant, room) DO UPDATE SET conferences = usage_daily.conferences + 1,
           participants = usage_daily.participants + excluded.participants, peak = GREATEST(usage_daily.peak, excluded.peak),
           participant_ms = usage_daily.participant_ms + excluded.participant_ms, conference_ms = usage_daily.conference_ms + excluded.conference_ms`,
        [day, row.tenant, row.room, row.participants, row.peak, row.participant_ms, row.conference_ms],
      );
      return true;
    });
  }

  async usage(query: UsageQuery): Promise<{ days: DailyUsage[]; joins: JoinCount[] }> {
    const where = `day >= $1 AND day <= $2${query.tenants ? ' AND tenant = ANY ($3::text[])' : ''}`;
    const values = query.tenants ? [query.from, query.to, query.tenants] : [query.from, query.to];
    const days = await this.query<DailyUsage>(`SELECT ${DAILY_COLUMNS} FROM usage_daily WHERE ${where} ORDER BY day, tenant, room`, values);
    const joins = await this.query<JoinCount>(
      `SELECT day, tenant, room, role, backend, joins FROM usage_joins WHERE ${where} ORDER BY day, tenant, room, role`,
      values,
    );
    return { days: days.rows, joins: joins.rows };
  }

  async purgeConferences(before: number): Promise<number> {
    return (await this.query('DELETE FROM usage_conferences WHERE ended_at < $1', [before])).rowCount ?? 0;
  }

  async purge(cutoffs: Map<string, number>, fallbackCutoff: number, now: number): Promise<PurgeResult> {
    const result = await this.transaction(async (client) => {
      let bookings = 0;
      for (const [tenant, cutoff] of cutoffs) {
        bookings += (await client.query('DELETE FROM bookings WHERE tenant = $1 AND last_end < $2', [tenant, cutoff])).rowCount ?? 0;
      }
      bookings +=
        (
          await client.query('DELETE FROM bookings WHERE last_end < $1 AND NOT (tenant = ANY ($2::text[]))', [
            fallbackCutoff,
            [...cutoffs.keys()],
          ])
        ).rowCount ?? 0;
      const challenges = (await client.query('DELETE FROM used_challenges WHERE expires_at < $1', [now])).rowCount ?? 0;
      const revocations = (await client.query('DELETE FROM revocations WHERE until < $1', [now])).rowCount ?? 0;
      await client.query('DELETE FROM chat_confirmations WHERE expires_at <= $1', [now]);
      await client.query('DELETE FROM invites WHERE booking_id IS NULL AND expires_at < $1', [now - EXPIRED_INVITE_KEEP_MS]);
      await client.query('DELETE FROM shared_secrets WHERE expires_at < $1', [now]);
      await client.query('DELETE FROM client_hits WHERE at < $1', [now - HIT_KEEP_MS]);
      await client.query('DELETE FROM status_claims WHERE until < $1 AND (checked_at IS NULL OR checked_at < $1)', [now - HIT_KEEP_MS]);
      await client.query(
        `DELETE FROM invites WHERE booking_id IS NULL AND EXISTS
           (SELECT 1 FROM open_rooms o WHERE o.tenant = invites.tenant AND o.id = invites.room AND o.expires_at < $1)`,
        [now - EXPIRED_INVITE_KEEP_MS],
      );
      await client.query('DELETE FROM open_rooms WHERE expires_at < $1', [now - EXPIRED_INVITE_KEEP_MS]);
      return { bookings, challenges, revocations };
    });
    // Deleted rows stay in the tables' files as dead rows until VACUUM; autovacuum would come only after
    // a fifth of a table changed. Vacuumed now, their space is free for new rows (see docs/security.md).
    if (result.bookings > 0) await this.query('VACUUM bookings, audit, outbox, invites');
    return result;
  }

  // Clubs (see `clubs.ts`).

  async createClub(
    club: ClubRecord,
    mail: OutboxMail,
    challenge: { id: string; expiresAt: number },
  ): Promise<'created' | 'challenge_used' | 'id_taken'> {
    return this.transaction(async (client) => {
      // The id's key decides between two registrations of one name: the second waits for the first one's commit.
      const row = clubToRow(club);
      const columns = Object.keys(row);
      const inserted = await client.query(
        `INSERT INTO clubs (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
        Object.values(row),
      );
      if (inserted.rowCount === 0) return 'id_taken';
      const used = await client.query('INSERT INTO used_challenges (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
        challenge.id,
        challenge.expiresAt,
      ]);
      if (used.rowCount === 0) {
        // Undo the club: the whole transaction stores nothing.
        await client.query('DELETE FROM clubs WHERE id = $1', [club.id]);
        return 'challenge_used';
      }
      await this.insertClubMail(client, club.id, mail, club.createdAt);
      return 'created';
    });
  }

  private async insertClubMail(client: Client, club: string, mail: OutboxMail, now: number): Promise<void> {
    await client.query(
      'INSERT INTO outbox (club_id, kind, recipient, subject, body, attachments, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [club, mail.kind, mail.to, mail.subject, mail.text, JSON.stringify(mail.attachments), now],
    );
  }

  async getClub(id: string): Promise<ClubRecord | undefined> {
    const row = (await this.query<ClubRow>('SELECT * FROM clubs WHERE id = $1', [id])).rows[0];
    return row && clubFromRow(row);
  }

  async listClubs(query: ClubQuery): Promise<ClubRecord[]> {
    const { rows } = await this.query<ClubRow>(
      `SELECT * FROM clubs WHERE ($1::text IS NULL OR status = $1) AND ($2::text[] IS NULL OR region = ANY ($2::text[]))
         AND ($4::text IS NULL OR email_key = $4)
       ORDER BY created_at DESC, id COLLATE "C" LIMIT $3`,
      [query.status ?? null, query.regions ? [...query.regions] : null, query.limit ?? 1000, query.emailKey ?? null],
    );
    return rows.map(clubFromRow);
  }

  async countClubsByEmail(emailKey: string, since: number): Promise<number> {
    return (await this.query<{ n: number }>('SELECT count(*) AS n FROM clubs WHERE email_key = $1 AND created_at >= $2', [emailKey, since]))
      .rows[0]!.n;
  }

  async updateClub(
    id: string,
    from: readonly ClubStatus[],
    changes: Partial<Omit<ClubRecord, 'id' | 'createdAt'>> & { updatedAt: number },
    change: ClubChange,
  ): Promise<ClubRecord | undefined> {
    return this.transaction(async (client) => {
      // Locked until the commit: a second decision waits, then sees the new status.
      const row = (await client.query<ClubRow>('SELECT * FROM clubs WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!row || !from.includes(row.status as ClubStatus)) return undefined;
      const columns = clubColumns(changes);
      const names = Object.keys(columns);
      const updated = (
        await client.query<ClubRow>(`UPDATE clubs SET ${names.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1 RETURNING *`, [
          id,
          ...Object.values(columns),
        ])
      ).rows[0]!;
      for (const room of change.rooms ?? []) await client.query(...insert('club_rooms', clubRoomToRow(room)));
      for (const invite of change.invites ?? []) await client.query(...insert('invites', inviteToRow(invite)));
      for (const mail of change.mails) await this.insertClubMail(client, id, mail, changes.updatedAt);
      return clubFromRow(updated);
    });
  }

  async deleteClub(id: string): Promise<boolean> {
    const deleted = await this.transaction(async (client) => {
      await client.query('DELETE FROM invites WHERE tenant = $1', [id]);
      return ((await client.query('DELETE FROM clubs WHERE id = $1', [id])).rowCount ?? 0) > 0;
    });
    // As after a purge: the dead rows' space is made free at once (see docs/security.md).
    if (deleted) await this.query('VACUUM clubs, club_rooms, club_signins, club_sessions, outbox, invites');
    return deleted;
  }

  async countClubRooms(ids: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.query<{ club_id: string; n: number }>(
      'SELECT club_id, count(*) AS n FROM club_rooms WHERE club_id = ANY ($1::text[]) GROUP BY club_id',
      [[...ids]],
    );
    return new Map(rows.map((row) => [row.club_id, Number(row.n)]));
  }

  async getClubRoom(club: string, id: string): Promise<ClubRoomRecord | undefined> {
    const row = (await this.query<ClubRoomRow>('SELECT * FROM club_rooms WHERE club_id = $1 AND id = $2', [club, id])).rows[0];
    return row && clubRoomFromRow(row);
  }

  async listClubRooms(club: string): Promise<ClubRoomRecord[]> {
    return (await this.query<ClubRoomRow>('SELECT * FROM club_rooms WHERE club_id = $1 ORDER BY id COLLATE "C"', [club])).rows.map(
      clubRoomFromRow,
    );
  }

  async createClubRoom(room: ClubRoomRecord, maxRooms: number): Promise<'created' | 'taken' | 'limit'> {
    return this.transaction(async (client) => {
      // The club's row is the lock: two rooms made at once are counted one after the other.
      const club = (await client.query('SELECT 1 FROM clubs WHERE id = $1 FOR UPDATE', [room.club])).rows[0];
      if (!club) return 'limit';
      if ((await client.query('SELECT 1 FROM club_rooms WHERE club_id = $1 AND id = $2', [room.club, room.id])).rows.length > 0)
        return 'taken';
      const { n } = (await client.query<{ n: number }>('SELECT count(*) AS n FROM club_rooms WHERE club_id = $1', [room.club])).rows[0]!;
      if (Number(n) >= maxRooms) return 'limit';
      await client.query(...insert('club_rooms', clubRoomToRow(room)));
      return 'created';
    });
  }

  async updateClubRoom(room: ClubRoomRecord): Promise<boolean> {
    const r = clubRoomToRow(room);
    const result = await this.query(
      `UPDATE club_rooms SET name = $3, start = $4, access_code = $5, moderator_code = $6, waiting_room = $7, mute_on_entry = $8,
         all_moderators = $9, recording = $10, updated_at = $11
       WHERE club_id = $1 AND id = $2`,
      [
        r.club_id,
        r.id,
        r.name,
        r.start,
        r.access_code,
        r.moderator_code,
        r.waiting_room,
        r.mute_on_entry,
        r.all_moderators,
        r.recording,
        r.updated_at,
      ],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async deleteClubRoom(club: string, id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      await client.query('DELETE FROM invites WHERE tenant = $1 AND room = $2', [club, id]);
      return ((await client.query('DELETE FROM club_rooms WHERE club_id = $1 AND id = $2', [club, id])).rowCount ?? 0) > 0;
    });
  }

  async addClubSignin(signin: ClubSignin, mail: OutboxMail, now: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM club_signins WHERE expires_at <= $1', [now]);
      await client.query('INSERT INTO club_signins (id, club_id, secret_hash, expires_at) VALUES ($1, $2, $3, $4)', [
        signin.id,
        signin.club,
        Buffer.from(signin.secretHash),
        signin.expiresAt,
      ]);
      await this.insertClubMail(client, signin.club, mail, now);
    });
  }

  async useClubSignin(id: string, secretHash: Uint8Array, now: number): Promise<string | undefined> {
    return this.transaction(async (client) => {
      // Locked until the commit: a second use at the same moment waits, then finds it gone.
      const row = (
        await client.query<{ club_id: string; secret_hash: Uint8Array }>(
          'SELECT club_id, secret_hash FROM club_signins WHERE id = $1 AND expires_at > $2 FOR UPDATE',
          [id, now],
        )
      ).rows[0];
      if (!row || row.secret_hash.length !== secretHash.length || !timingSafeEqual(row.secret_hash, secretHash)) return undefined;
      await client.query('DELETE FROM club_signins WHERE id = $1', [id]);
      return row.club_id;
    });
  }

  async addClubSession(session: ClubSession): Promise<void> {
    await this.query('INSERT INTO club_sessions (id, club_id, csrf_hash, expires_at) VALUES ($1, $2, $3, $4)', [
      session.id,
      session.club,
      session.csrfHash,
      session.expiresAt,
    ]);
  }

  async getClubSession(id: string, now: number): Promise<ClubSession | undefined> {
    const row = (
      await this.query<{ id: string; club_id: string; csrf_hash: string; expires_at: number }>(
        'SELECT id, club_id, csrf_hash, expires_at FROM club_sessions WHERE id = $1 AND expires_at > $2',
        [id, now],
      )
    ).rows[0];
    return row && { id: row.id, club: row.club_id, csrfHash: row.csrf_hash, expiresAt: row.expires_at };
  }

  async deleteClubSession(id: string): Promise<void> {
    await this.query('DELETE FROM club_sessions WHERE id = $1', [id]);
  }

  async purgeClubs(now: number): Promise<number> {
    const deleted = await this.transaction(async (client) => {
      await client.query('DELETE FROM club_signins WHERE expires_at <= $1', [now]);
      await client.query('DELETE FROM club_sessions WHERE expires_at <= $1', [now]);
      return (await client.query("DELETE FROM clubs WHERE status = 'unconfirmed' AND confirm_by <= $1", [now])).rowCount ?? 0;
    });
    if (deleted > 0) await this.query('VACUUM clubs, outbox');
    return deleted;
  }

  /** Close the pool's connections, once the queries under way are answered, and the status listener's. */
  async close(): Promise<void> {
    this.listener?.close();
    this.closed ??= this.pool.end();
    return this.closed;
  }

  // ---- clubs2 (the club page and the clubs' lifecycle): one block, moved by the store split ----

  async listClubInvites(club: string, now: number): Promise<InviteRecord[]> {
    const { rows } = await this.query<InviteRow>(
      'SELECT * FROM invites WHERE tenant = $1 AND booking_id IS NULL AND expires_at > $2 ORDER BY created_at DESC LIMIT 200',
      [club, now],
    );
    return rows.map(inviteFromRow);
  }

  async lastJoins(tenants: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.query<{ tenant: string; at: number }>(
      'SELECT tenant, max(last_at) AS at FROM usage_joins WHERE tenant = ANY($1) GROUP BY tenant',
      [[...tenants]],
    );
    return new Map(rows.map((row) => [row.tenant, Number(row.at)]));
  }

  // ---- end of clubs2 ----
}

/** The channel of room status notifications. */
const STATUS_CHANNEL = 'vereinsraum_status';

/** The connection that listens for room status notifications; connects again by itself. */
class StatusListener implements StatusListening {
  private client?: pg.Client;
  private closed = false;
  private connected = false;
  private retryMs = 250;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly options: PgStoreOptions,
    private readonly onPublished: (room: string, status: string, checkedAt: number) => void,
    private readonly onReconnect: () => void,
  ) {
    void this.connect(false);
  }

  get ready(): boolean {
    return this.connected;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.connected = false;
    void this.client?.end().catch(() => {});
  }

  private async connect(again: boolean): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5000,
      keepAlive: true,
      application_name: 'vereinsraum-listen',
    });
    this.client = client;
    let lost = false;
    const lose = (): void => {
      if (lost) return;
      lost = true;
      this.connected = false;
      void client.end().catch(() => {});
      if (this.closed) return;
      this.timer = setTimeout(() => void this.connect(true), this.retryMs);
      this.timer.unref?.();
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
    client.on('error', lose);
    client.on('end', lose);
    client.on('notification', (message) => {
      if (message.channel !== STATUS_CHANNEL || !message.payload) return;
      try {
        const { room, status, checkedAt } = JSON.parse(message.payload) as { room: string; status: string; checkedAt: number };
        this.onPublished(room, status, checkedAt);
      } catch {
        // Not ours: ignored.
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${STATUS_CHANNEL}`);
    } catch {
      lose();
      return;
    }
    if (this.closed) return void client.end().catch(() => {});
    this.connected = true;
    this.retryMs = 250;
    if (again) this.onReconnect();
  }
}

/** The database's name in a connection URL (never the password), for messages. */
function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || '(default)';
  } catch {
    return '(unnamed)';
  }
}
