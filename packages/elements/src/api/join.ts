// The join button's calls, loaded with its flow (see `client.ts`).
import type { InviteInfo, InviteInfoRequest, JoinRequest, JoinResponse } from '@vereinsraum/protocol';
import { apiUrl, request, type RoomAddress, roomUrl } from './http.js';

/** `POST …/join`: a URL to open, or `{ waiting: true }`. */
export function joinRoom(address: RoomAddress, body: JoinRequest, signal?: AbortSignal): Promise<JoinResponse> {
  return request(roomUrl(address, 'join'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** Answers of `POST /v1/tenants/{tenant}/invite`, by server, tenant and token. */
const inviteInfos = new Map<string, Promise<InviteInfo>>();

/**
 * `POST /v1/tenants/{tenant}/invite`: what an invite opens (room, title,
 * dates, role, from and until when), without joining; with `room`, an invite
 * for another room is refused (`invite_wrong_room`). The token goes in the
 * body, not the URL. Every element of a page shares one answer per token; a
 * refusal is forgotten, and `fresh` asks again (when the invite's start has
 * come).
 */
export function fetchInviteInfo(
  { endpoint, tenant }: Pick<RoomAddress, 'endpoint' | 'tenant'>,
  body: InviteInfoRequest,
  fresh = false,
): Promise<InviteInfo> {
  const url = apiUrl(endpoint, `v1/tenants/${encodeURIComponent(tenant)}/invite`).href;
  const key = `${url} ${body.room ?? ''} ${body.invite}`;
  let info = fresh ? undefined : inviteInfos.get(key);
  if (!info) {
    info = request<InviteInfo>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    inviteInfos.set(key, info);
    info.catch(() => inviteInfos.delete(key));
  }
  return info;
}
