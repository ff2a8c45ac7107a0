import type { Store } from './store/types.js';

/**
 * Revoked invites, by `jti`. An entry is kept until the invite would have
 * expired anyway; after that the signature check refuses the token by itself.
 */
export interface Revocations {
  isRevoked(jti: string): Promise<boolean>;
  /** Revoke `jti`; `until` is when the invite expires (ms since the epoch). */
  revoke(jti: string, until: number): Promise<void>;
}

/** Revocations that live as long as the process: for tests and in-memory setups. */
export class MemoryRevocations implements Revocations {
  protected entries = new Map<string, number>();

  constructor(protected readonly now: () => number = Date.now) {}

  async isRevoked(jti: string): Promise<boolean> {
    return (this.entries.get(jti) ?? 0) > this.now();
  }

  async revoke(jti: string, until: number): Promise<void> {
    this.entries.set(jti, Math.max(until, this.entries.get(jti) ?? 0));
    for (const [key, expires] of this.entries) if (expires <= this.now()) this.entries.delete(key);
  }
}

/**
 * Revocations kept in the store (SQLite: the `revocations` table), shared by
 * the server and the CLI through the database file.
 */
export class StoreRevocations implements Revocations {
  constructor(
    private readonly store: Pick<Store, 'isRevoked' | 'revoke'>,
    private readonly now: () => number = Date.now,
  ) {}

  isRevoked(jti: string): Promise<boolean> {
    return this.store.isRevoked(jti, this.now());
  }

  revoke(jti: string, until: number): Promise<void> {
    return this.store.revoke(jti, until);
  }
}
