// Registration with double opt-in: the form's data, the proof of work, the
// club stored unconfirmed with its confirmation mail, and the confirmation.
import { type BookingChallenge, CLUB_KINDS, CLUB_LIMITS, type ClubForm, type ClubKind, type ClubRegistered } from '@vereinsraum/protocol';
import type { Limiter } from '../attempts.js';
import { challengeUsed, makeChallenge, requireSolution } from '../bookings/challenge.js';
import { emailLimitKey } from '../bookings/validate.js';
import { HttpError } from '../errors.js';
import { linkPlaceholder, linkSecret, secretHash, secretMatches } from '../links.js';
import type { ClubRecord } from '../store/clubs.js';
import { email, invalid, line, slugOf, websiteOrigin } from './fields.js';
import { clubMail } from './mails.js';
import { type ClubServiceOptions, DAY_MS, HOUR_MS } from './options.js';

/** The proof-of-work challenges of the registration form carry this instead of a tenant (no tenant id can be it). */
const CHALLENGE_SCOPE = '-clubs';
/** A confirmation link's token: the club id and the secret. */
const CONFIRM_TOKEN = /^([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\.([A-Za-z0-9_-]{22})$/;

/**
 * The id a confirmation link's secret is made for: the club's id and the
 * time the link was made, `<club>--<time, base 36>` (a club's id never holds
 * `--`). Each link is its own: the registration's link does not answer a
 * reconfirmation, nor last year's link this year's, nor a deleted club's link
 * a new club of the same name. (Links made before this hold the club id alone.)
 */
export function confirmLinkId(club: string, now: number): string {
  return `${club}--${now.toString(36)}`;
}

/** The registration form's API: `GET /v1/clubs/form`, `…/challenge`, `POST /v1/clubs`, `…/confirm`. */
export class ClubRegistration {
  constructor(
    private readonly options: ClubServiceOptions,
    private readonly perClient: Limiter,
  ) {}

  /** `GET /v1/clubs/form`. */
  form(): ClubForm {
    const { regions, termsUrl, privacyPolicyUrl, confirmHours } = this.options.config;
    return { regions: regions.map((r) => ({ ...r })), kinds: [...CLUB_KINDS], termsUrl, privacyUrl: privacyPolicyUrl, confirmHours };
  }

  /** `GET /v1/clubs/challenge`. */
  async challenge(): Promise<BookingChallenge> {
    return makeChallenge(await this.options.challengeKey(), CHALLENGE_SCOPE, this.options.config.challengeMaxNumber, this.options.now());
  }

  /** `POST /v1/clubs`: check, store the club unconfirmed, and mail the confirmation link. */
  async register(body: Record<string, unknown>, client: string, origin: string): Promise<ClubRegistered> {
    const { config, store, now: clock } = this.options;
    const now = clock();
    const name = line(body, 'name', CLUB_LIMITS.nameMax)!;
    if (!CLUB_KINDS.includes(body.kind as ClubKind)) throw invalid('kind', `kind must be one of ${CLUB_KINDS.join(', ')}.`);
    const website = websiteOrigin(body.website);
    const region = config.regions.find((r) => r.id === body.region);
    if (!region) throw invalid('region', 'region must be one of the regions of GET /v1/clubs/form.');
    const contactName = line(body, 'contactName', CLUB_LIMITS.personMax)!;
    const contactEmail = email(body, 'contactEmail')!;
    const deputyName = line(body, 'deputyName', CLUB_LIMITS.personMax, true);
    const deputyEmail = email(body, 'deputyEmail', true);
    if ((deputyName === null) !== (deputyEmail === null))
      throw invalid(deputyName === null ? 'deputyName' : 'deputyEmail', 'A deputy needs both a name and an e-mail address.');
    if (body.language !== undefined && body.language !== 'de' && body.language !== 'en')
      throw invalid('language', 'language must be "de" or "en".');
    if (body.consent !== true) throw invalid('consent', 'Agree to the terms of use and the privacy policy (consent: true).');
    if (typeof body.homepage === 'string' && body.homepage !== '') throw invalid('homepage', 'Leave the field "homepage" empty.');
    const solved = await requireSolution(await this.options.challengeKey(), body.altcha, CHALLENGE_SCOPE, now);

    const emailKey = emailLimitKey(contactEmail);
    if ((await store.countClubsByEmail(emailKey, now - DAY_MS)) >= config.perEmailPerDay)
      throw new HttpError(429, 'rate_limited', 'Too many registrations for this e-mail address today. Try again later.', 'contactEmail', {
        'retry-after': '3600',
      });
    const clientKey = `clubs|${client}`;
    const wait = await this.perClient.retryAfter(clientKey);
    if (wait > 0)
      throw new HttpError(429, 'rate_limited', 'Too many registrations from this address. Try again later.', undefined, {
        'retry-after': String(wait),
      });
    await this.perClient.fail(clientKey);

    const keys = await this.options.keys();
    const linkKey = keys.linkKey();
    if (!linkKey) throw new TypeError('the key set has no EdDSA key: run `vereinsraum keys generate`');
    const base = slugOf(name);
    for (let n = 1; n <= 20; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      // A configured tenant's id is never taken by a club.
      if (await this.options.directory.tenant(id)) continue;
      const linkId = confirmLinkId(id, now);
      const secret = await linkSecret(linkKey.key, 'club-confirm', linkId);
      const club: ClubRecord = {
        id,
        status: 'unconfirmed',
        name,
        kind: body.kind as ClubKind,
        region: region.id,
        origins: [website],
        contactName,
        contactEmail,
        emailKey,
        deputyName,
        deputyEmail,
        language: (body.language as 'de' | 'en' | undefined) ?? 'de',
        backend: config.backend,
        logoUrl: null,
        theme: null,
        confirm: { kid: linkKey.kid, hash: await secretHash(secret) },
        confirmBy: now + config.confirmHours * HOUR_MS,
        reason: null,
        createdAt: now,
        confirmedAt: null,
        decidedAt: null,
        updatedAt: now,
        reconfirmedAt: null,
        notice: null,
        originRequest: null,
      };
      const mail = clubMail('confirm', club, {
        origin,
        link: `${origin}/club#confirm=${linkPlaceholder('club-confirm', linkKey.kid, linkId)}`,
        validFor: config.confirmHours,
      });
      const result = await store.createClub(club, mail, solved);
      if (result === 'challenge_used') throw challengeUsed();
      if (result === 'id_taken') continue;
      this.options.log?.(`club ${id} registered (unconfirmed)`);
      this.options.onMail?.();
      return { status: 'unconfirmed', confirmBy: new Date(club.confirmBy!).toISOString() };
    }
    throw new HttpError(409, 'club_conflict', 'There are too many clubs of that name. Add the town to the name.', 'name');
  }

  /**
   * `POST /v1/clubs/confirm` with the link's token: the registration reaches
   * the operator (`pending`); for an active club asked to reconfirm (see
   * `ClubLifecycle`), the club is confirmed for another period (`active`).
   */
  async confirm(token: unknown): Promise<{ status: 'pending' | 'active' }> {
    const { store, now: clock } = this.options;
    const now = clock();
    const match = typeof token === 'string' ? CONFIRM_TOKEN.exec(token) : null;
    const club = match ? await store.getClub(match[1]!.split('--')[0]!) : undefined;
    const fits = await secretMatches(match?.[2] ?? '', club?.confirm?.hash);
    const reconfirming = club?.status === 'active' && (club.notice?.kind === 'reconfirm' || club.notice?.kind === 'reconfirm-warned');
    if (
      !club ||
      !fits ||
      !(club.status === 'unconfirmed' || reconfirming) ||
      (club.confirmBy ?? 0) <= now ||
      !(await this.options.keys()).linkKey(club.confirm!.kid)
    )
      throw new HttpError(404, 'link_invalid', 'This confirmation link is unknown, used or expired. Register again.');
    if (reconfirming) {
      const changed = await store.updateClub(
        club.id,
        ['active'],
        { notice: null, confirm: null, confirmBy: null, reconfirmedAt: now, updatedAt: now },
        { mails: [] },
      );
      if (!changed) throw new HttpError(404, 'link_invalid', 'This confirmation link was used already.');
      this.options.log?.(`club ${club.id} reconfirmed`);
      return { status: 'active' };
    }
    const changed = await store.updateClub(
      club.id,
      ['unconfirmed'],
      { status: 'pending', confirm: null, confirmBy: null, confirmedAt: now, updatedAt: now },
      { mails: [] },
    );
    if (!changed) throw new HttpError(404, 'link_invalid', 'This confirmation link was used already.');
    this.options.log?.(`club ${club.id} confirmed (pending)`);
    return { status: 'pending' };
  }
}
