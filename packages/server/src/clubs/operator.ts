// The operator's decisions about clubs, scoped by region: list, approve (one
// transaction with the first room, the links and the mail), reject, suspend, delete.
import { type AdminClub, isValidId } from '@vereinsraum/protocol';
import { checkReason } from '../bookings/reason.js';
import { HttpError } from '../errors.js';
import { INVITE_MAX_SECONDS, makeShortInvite } from '../invites.js';
import { linkPlaceholder } from '../links.js';
import type { ClubRecord, ClubRoomRecord } from '../store/clubs.js';
import { adminView, conflict, embedSnippet, joinLink } from './fields.js';
import { clubMail } from './mails.js';
import type { ClubServiceOptions, OperatorScope } from './options.js';

/** The operator's API for clubs (`/v1/admin/clubs…`, `vereinsraum clubs …`). */
export class ClubOperator {
  constructor(private readonly options: ClubServiceOptions) {}

  /** The club, if this operator may see it: else `club_not_found`. */
  private async scoped(id: string, scope: OperatorScope): Promise<ClubRecord> {
    const club = isValidId(id) ? await this.options.store.getClub(id) : undefined;
    if (!club || (scope.regions && !scope.regions.includes(club.region)))
      throw new HttpError(404, 'club_not_found', `There is no club '${isValidId(id) ? id : '(invalid)'}'.`);
    return club;
  }

  /** The clubs this operator sees (unconfirmed ones only when asked for by status). */
  async list(scope: OperatorScope, query: { status?: ClubRecord['status']; region?: string } = {}): Promise<AdminClub[]> {
    let regions = scope.regions;
    if (query.region !== undefined) regions = regions ? regions.filter((r) => r === query.region) : [query.region];
    const clubs = (
      await this.options.store.listClubs({ ...(query.status ? { status: query.status } : {}), ...(regions ? { regions } : {}) })
    ).filter((club) => query.status !== undefined || club.status !== 'unconfirmed');
    const rooms = await this.options.store.countClubRooms(clubs.map((club) => club.id));
    return clubs.map((club) => adminView(club, rooms.get(club.id) ?? 0));
  }

  async get(id: string, scope: OperatorScope): Promise<AdminClub> {
    const club = await this.scoped(id, scope);
    return adminView(club, (await this.options.store.countClubRooms([club.id])).get(club.id) ?? 0);
  }

  /**
   * Approve a confirmed club (or let a suspended one in again), in one
   * transaction: active, its website's origin allowed, a first room, the
   * room's moderator and attendee links, and the mail to the contact person.
   */
  async approve(id: string, scope: OperatorScope, origin: string): Promise<AdminClub> {
    const { store, now: clock } = this.options;
    const club = await this.scoped(id, scope);
    const now = clock();
    if (club.status === 'suspended') {
      const resumed = await store.updateClub(
        id,
        ['suspended'],
        { status: 'active', reason: null, notice: null, confirm: null, confirmBy: null, decidedAt: now, updatedAt: now },
        { mails: [] },
      );
      if (!resumed) throw conflict(club);
      this.options.log?.(`club ${id} active again (${scope.actor})`);
      return this.get(id, scope);
    }
    if (club.status !== 'pending') throw conflict(club);
    const keys = await this.options.keys();
    const roomId = 'treffpunkt';
    const room: ClubRoomRecord = {
      club: id,
      id: roomId,
      name: club.language === 'de' ? 'Treffpunkt' : 'Meeting point',
      start: 'moderator-code',
      accessCode: null,
      moderatorCode: null,
      waitingRoom: false,
      muteOnEntry: true,
      allModerators: false,
      recording: false,
      createdAt: now,
      updatedAt: now,
    };
    const spec = { tenant: id, room: roomId, expiresInSeconds: INVITE_MAX_SECONDS, now };
    const moderator = await makeShortInvite(keys, { ...spec, role: 'moderator' });
    const attendee = await makeShortInvite(keys, { ...spec, role: 'attendee' });
    const placeholder = (record: { id: string; kid: string }) => linkPlaceholder('invite', record.kid, record.id);
    const mail = clubMail('approved', club, {
      origin,
      room: {
        id: roomId,
        name: room.name,
        moderator: joinLink(origin, id, roomId, placeholder(moderator.record)),
        attendee: joinLink(origin, id, roomId, placeholder(attendee.record)),
        embed: embedSnippet(origin, id, roomId),
      },
    });
    const approved = await store.updateClub(
      id,
      ['pending'],
      { status: 'active', reason: null, decidedAt: now, updatedAt: now },
      { mails: [mail], rooms: [room], invites: [moderator.record, attendee.record] },
    );
    if (!approved) throw conflict(await this.scoped(id, scope));
    this.options.log?.(`club ${id} approved (${scope.actor})`);
    this.options.onMail?.();
    return adminView(approved, 1);
  }

  /** Reject a pending club, or suspend an active one, with a reason for the mail. */
  async decide(id: string, action: 'reject' | 'suspend', reason: unknown, scope: OperatorScope): Promise<AdminClub> {
    const { store, now: clock } = this.options;
    const club = await this.scoped(id, scope);
    const text = checkReason(reason, action === 'suspend');
    const now = clock();
    const status = action === 'reject' ? 'rejected' : 'suspended';
    const from = action === 'reject' ? (['pending'] as const) : (['active'] as const);
    const next = { ...club, status, reason: text } as ClubRecord;
    const changed = await store.updateClub(
      id,
      from,
      { status, reason: text, decidedAt: now, updatedAt: now },
      { mails: [clubMail(action === 'reject' ? 'rejected' : 'suspended', next, { origin: '', reason: text })] },
    );
    if (!changed) throw conflict(club);
    this.options.log?.(`club ${id} ${status} (${scope.actor})`);
    this.options.onMail?.();
    return this.get(id, scope);
  }

  /**
   * Allow or refuse the website origin an active club asked for (its
   * `originRequest`), with a mail to the contact person; a refusal may give a reason.
   * `origin` is the website the operator looked at: when the club asked for
   * another one since (or anything else of the club changed meanwhile), nothing
   * is decided (`409 club_conflict`), so a club cannot swap its request for one
   * nobody saw.
   */
  async decideOrigin(
    id: string,
    action: 'allow-origin' | 'refuse-origin',
    { origin, reason }: { origin: unknown; reason?: unknown },
    scope: OperatorScope,
  ): Promise<AdminClub> {
    const { store, now: clock } = this.options;
    const club = await this.scoped(id, scope);
    const request = club.originRequest;
    if (club.status !== 'active' || !request)
      throw new HttpError(409, 'club_conflict', `Club '${club.id}' has asked for no other website.`);
    if (origin !== request.origin)
      throw new HttpError(
        409,
        'club_conflict',
        `Club '${club.id}' asks for ${request.origin}: look at that website, then decide again.`,
        'origin',
      );
    const text = action === 'refuse-origin' ? checkReason(reason, false) : null;
    const now = clock();
    const origins = action === 'allow-origin' ? [...club.origins, request.origin] : club.origins;
    const mail = clubMail(action === 'allow-origin' ? 'origin-allowed' : 'origin-refused', club, {
      origin: '',
      website: request.origin,
      reason: text,
    });
    const changed = await store.updateClub(
      id,
      ['active'],
      { origins, originRequest: null, updatedAt: now },
      { mails: [mail], ifUpdatedAt: club.updatedAt },
    );
    if (!changed) throw conflict(club);
    this.options.log?.(`club ${id}: website origin ${action === 'allow-origin' ? 'allowed' : 'refused'} (${scope.actor})`);
    this.options.onMail?.();
    return this.get(id, scope);
  }

  /** Delete a club with everything of it; its personal data is gone from the store. */
  async delete(id: string, scope: OperatorScope): Promise<void> {
    await this.scoped(id, scope);
    if (!(await this.options.store.deleteClub(id))) throw new HttpError(404, 'club_not_found', `There is no club '${id}'.`);
    this.options.log?.(`club ${id} deleted (${scope.actor})`);
  }
}
