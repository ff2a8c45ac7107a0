// The connection that listens for room status notifications (PostgreSQL's LISTEN/NOTIFY).
import pg from 'pg';
import type { StatusListening } from '../cluster.js';
import type { PgStoreOptions } from './core.js';

/** The channel of room status notifications. */
export const STATUS_CHANNEL = 'vereinsraum_status';

/** The connection that listens for room status notifications; connects again by itself. */
export class StatusListener implements StatusListening {
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
