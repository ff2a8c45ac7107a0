// What the stories' fake server answers with: the endpoint it stands in for,
// JSON and RFC 9457 problems as the real server helper sends them.
import type { Problem } from '@vereinsraum/protocol';

/** The endpoint the stories use. `.invalid` never resolves, so nothing can leak. */
export const FAKE_ENDPOINT = 'https://vereinsraum.invalid';

/** A refusal, as the server helper sends it (`application/problem+json` with a stable `code`). */
export function problem(status: number, code: Problem['code'], field?: string): Response {
  return new Response(JSON.stringify({ type: `urn:vereinsraum:problem:${code}`, title: code, status, code, ...(field ? { field } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
