import type { RoomStatus } from '@vereinsraum/protocol';
import { json } from '../http.js';
import type { RoomContext } from '../context.js';

/**
 * `GET /v1/rooms/{tenant}/{room}/status`: live, idle or unknown, and how many
 * are in it (never who). A weak ETag covers what a viewer sees, so a client
 * that asks again gets `304` until something changed.
 */
export async function statusRoute(request: Request, { status, statusTtlMs }: RoomContext): Promise<Response> {
  const body: RoomStatus = await status();
  const etag = statusEtag(body);
  const headers = { etag, 'cache-control': `public, max-age=${Math.floor(statusTtlMs / 1000)}` };
  const match = request.headers.get('if-none-match');
  if (match !== null && match.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    return new Response(null, { status: 304, headers });
  }
  return json(body, { headers });
}

/** A weak ETag over the fields a viewer sees (`checkedAt` alone moving on changes nothing). */
export function statusEtag(status: RoomStatus): string {
  const { chat } = status;
  const chatPart = chat ? `-c${chat.members}-${chat.lastActivityAt === null ? 'x' : Date.parse(chat.lastActivityAt)}` : '';
  return `W/"${status.state}-${status.participants ?? 'x'}-${status.startedAt === null ? 'x' : Date.parse(status.startedAt)}-${status.stale ? 's' : 'f'}${chatPart}"`;
}
