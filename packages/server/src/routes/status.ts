import type { RoomStatus } from '@vereinsraum/protocol';
import { json } from '../http.js';
import type { RoomContext } from './context.js';

/** `GET /v1/rooms/{tenant}/{room}/status`: live or idle, and how many are in it (never who). */
export async function statusRoute(_request: Request, { status }: RoomContext): Promise<Response> {
  const body: RoomStatus = await status();
  return json(body, { headers: { 'cache-control': 'no-cache' } });
}
