import { HttpError } from './errors.js';
import type { StatusService, WatchedRoom } from './status/service.js';
import type { StatusListener } from './status/subscription.js';

/**
 * The limits on event streams: `maxListeners` room subscriptions in all (a
 * stream for several rooms counts each), and `maxStreamsPerClient` open
 * streams per client (see {@link clientKey}).
 *
 * @internal
 */
export class StreamLimits {
  /** Open event streams per client key. */
  private readonly byClient = new Map<string, number>();

  constructor(
    private readonly status: StatusService,
    private readonly maxListeners: number,
    private readonly maxStreamsPerClient: number,
  ) {}

  /**
   * Claim one event stream for a client, before any room of it is subscribed:
   * `429 too_many_streams` when the client has its share open already.
   * Returns the release, which may be called more than once. Requests without
   * a client address (`unknown`) count only against `maxListeners`. `close`
   * ends the stream when the server drains (see `StatusService.closeStreams`).
   */
  open(client: string, close?: () => void): () => void {
    const status = this.status;
    if (close) status.track(close);
    if (client === 'unknown') return () => void (close && status.untrack(close));
    const key = clientKey(client);
    const open = this.byClient.get(key) ?? 0;
    if (open >= this.maxStreamsPerClient) {
      if (close) status.untrack(close);
      throw new HttpError(
        429,
        'too_many_streams',
        `One client may keep ${this.maxStreamsPerClient} event streams open. Close one, or ask /status.`,
        undefined,
        {
          'retry-after': '30',
        },
      );
    }
    this.byClient.set(key, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (close) status.untrack(close);
      const left = (this.byClient.get(key) ?? 1) - 1;
      if (left > 0) this.byClient.set(key, left);
      else this.byClient.delete(key);
    };
  }

  /** Listen to a room's status: `503 server_busy` when the server has as many listeners as it allows. */
  subscribe(watched: WatchedRoom, listener: StatusListener): () => void {
    if (this.status.listenerCount >= this.maxListeners) {
      throw new HttpError(503, 'server_busy', 'Too many open event streams. Try again later, or ask /status.', undefined, {
        'retry-after': '30',
      });
    }
    return this.status.subscribe(watched, listener);
  }
}

/**
 * What counts as one client for the stream limit: an IPv4 address (also when
 * IPv4-mapped), or an IPv6 address's /64 network, which one household or
 * server usually has whole.
 *
 * @internal
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
