/**
 * BigBlueButton API checksum check, written from the protocol rules:
 *
 *   checksum = lowercase hex of H(callName + queryWithoutChecksum + secret)
 *
 * where `queryWithoutChecksum` is the raw query string exactly as received
 * (not decoded, re-encoded or sorted) with the `checksum=...` pair and its
 * joining `&` removed, and H is chosen by the checksum's length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** A hash function BigBlueButton accepts for API checksums. */
export type ChecksumAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** All algorithms, in the order of BigBlueButton's `supportedChecksumAlgorithms` default. */
export const ALL_ALGORITHMS: readonly ChecksumAlgorithm[] = ['sha1', 'sha256', 'sha384', 'sha512'];

const ALGORITHM_BY_HEX_LENGTH: ReadonlyMap<number, ChecksumAlgorithm> = new Map([
  [40, 'sha1'],
  [64, 'sha256'],
  [96, 'sha384'],
  [128, 'sha512'],
]);

/** The raw query split into the checksum value and the query without it. */
export interface SplitQuery {
  /** Raw value of the `checksum` parameter, or `undefined` if there is none. */
  checksum: string | undefined;
  /** The raw query with the checksum pair (and its joining `&`) removed. */
  rest: string;
  /** How many `checksum` parameters the query had. */
  count: number;
}

/**
 * Splits a raw query string (the bytes after `?`) into its `checksum` value
 * and the rest, keeping every other byte exactly as received.
 */
export function splitChecksum(rawQuery: string): SplitQuery {
  const pairs = rawQuery === '' ? [] : rawQuery.split('&');
  let checksum: string | undefined;
  let count = 0;
  const rest: string[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (name === 'checksum') {
      count += 1;
      checksum ??= eq === -1 ? '' : pair.slice(eq + 1);
    } else {
      rest.push(pair);
    }
  }
  return { checksum, rest: rest.join('&'), count };
}

/** Computes the lowercase hex checksum for a call, a query (without checksum) and a secret. */
export function computeChecksum(algorithm: ChecksumAlgorithm, callName: string, queryWithoutChecksum: string, secret: string): string {
  return createHash(algorithm)
    .update(callName + queryWithoutChecksum + secret, 'utf8')
    .digest('hex');
}

/**
 * Checks the checksum of an API request.
 *
 * @param callName - the API call, e.g. `create`
 * @param rawQuery - the query string exactly as received, without the leading `?`
 * @param secret - the shared secret
 * @param algorithms - the accepted algorithms
 * @returns `true` only if exactly one checksum is present, it is lowercase hex
 *   of a supported length, its algorithm is accepted and it matches.
 */
export function isChecksumValid(callName: string, rawQuery: string, secret: string, algorithms: readonly ChecksumAlgorithm[]): boolean {
  const { checksum, rest, count } = splitChecksum(rawQuery);
  if (checksum === undefined || count !== 1) return false;
  if (!/^[0-9a-f]+$/.test(checksum)) return false;
  const algorithm = ALGORITHM_BY_HEX_LENGTH.get(checksum.length);
  if (algorithm === undefined || !algorithms.includes(algorithm)) return false;
  const expected = computeChecksum(algorithm, callName, rest, secret);
  return timingSafeEqual(Buffer.from(expected, 'latin1'), Buffer.from(checksum, 'latin1'));
}
