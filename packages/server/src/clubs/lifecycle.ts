// The clubs' lifecycle, run as a singleton job: the yearly reconfirmation
// (a mail with a link, a reminder, then suspension) and clubs whose rooms are
// unused (a warning, then suspension unless someone joins).
import { linkPlaceholder, linkSecret, secretHash } from '../links.js';
import { confirmLinkId } from './registration.js';
import type { ClubNotice, ClubRecord } from '../store/clubs.js';
import { clubMail } from './mails.js';
import { type ClubServiceOptions, DAY_MS } from './options.js';

/** What one round did, in numbers (for the log). */
export interface LifecycleRound {
  mailed: number;
  suspended: number;
}

/** The step a club is due for now, if any. */
type Step = 'reconfirm' | 'reconfirm-warning' | 'idle-warning' | 'suspend-reconfirm' | 'suspend-idle' | 'used-again';

/** The reasons a suspension mail gives (the operator sees them too). */
const REASONS = {
  'suspend-reconfirm': {
    de: 'Die jährliche Bestätigung ist ausgeblieben. Melden Sie sich bei uns, dann schalten wir Ihren Verein wieder frei.',
    en: 'The yearly confirmation did not come. Write to us and we let your club in again.',
  },
  'suspend-idle': {
    de: 'Die Räume wurden lange nicht genutzt. Melden Sie sich bei uns, dann schalten wir Ihren Verein wieder frei.',
    en: 'The rooms were unused for a long time. Write to us and we let your club in again.',
  },
} as const;

/**
 * The clubs' lifecycle (config `clubs.reconfirmDays`, `idleDays`,
 * `graceDays`). Each round looks at every active club once and takes at most
 * one step per club; every step is one store transaction with its mail, and
 * a round repeated at once does nothing more (the club's `notice` records
 * what was sent when). A contact person answers a reconfirmation with the
 * mail's link (`POST /v1/clubs/confirm`); a join into any of the club's rooms
 * answers an idle warning. The operator lets a suspended club in again with
 * an approval, which clears the notice.
 */
export class ClubLifecycle {
  constructor(private readonly options: ClubServiceOptions) {}

  /** One round at `options.now()`; `origin` is the server's public origin, which the mails link to. */
  async run(origin: string): Promise<LifecycleRound> {
    const { config, store, now: clock } = this.options;
    const round = { mailed: 0, suspended: 0 };
    if (config.reconfirmDays === 0 && config.idleDays === 0) return round;
    const now = clock();
    const clubs = await store.listClubs({ status: 'active', limit: 1_000_000 });
    const lastJoins = config.idleDays > 0 ? await store.lastJoins(clubs.map((club) => club.id)) : new Map<string, number>();
    for (const club of clubs) {
      const step = this.due(club, lastJoins.get(club.id), now);
      if (!step) continue;
      const done = await this.take(club, step, origin, now);
      if (done === 'mailed') round.mailed++;
      if (done === 'suspended') round.suspended++;
    }
    if (round.mailed > 0 || round.suspended > 0) this.options.onMail?.();
    return round;
  }

  /** The step `club` is due for at `now`, its last join `lastJoin` (ms). */
  private due(club: ClubRecord, lastJoin: number | undefined, now: number): Step | undefined {
    const { reconfirmDays, idleDays, graceDays } = this.options.config;
    const grace = graceDays * DAY_MS;
    const notice = club.notice;
    // Since when the club counts as in use: its approval (or letting in again), or its last reconfirmation.
    const since = Math.max(club.decidedAt ?? club.createdAt, club.reconfirmedAt ?? 0);
    if (notice?.kind === 'reconfirm') return now >= notice.at + grace ? 'reconfirm-warning' : undefined;
    if (notice?.kind === 'reconfirm-warned') return now >= notice.at + grace ? 'suspend-reconfirm' : undefined;
    if (notice?.kind === 'idle-warned') {
      if ((lastJoin ?? 0) > notice.at) return 'used-again';
      return now >= notice.at + grace ? 'suspend-idle' : undefined;
    }
    if (reconfirmDays > 0 && now >= since + reconfirmDays * DAY_MS) return 'reconfirm';
    if (idleDays > 0 && now >= Math.max(since, lastJoin ?? 0) + idleDays * DAY_MS) return 'idle-warning';
    return undefined;
  }

  /** Take `step` for `club`: one transaction with its mail, only while the club is active. */
  private async take(club: ClubRecord, step: Step, origin: string, now: number): Promise<'mailed' | 'suspended' | 'cleared' | 'gone'> {
    const { config, store } = this.options;
    const days = config.graceDays;
    if (step === 'used-again') {
      const cleared = await store.updateClub(
        club.id,
        ['active'],
        { notice: null, updatedAt: now },
        { mails: [], ifUpdatedAt: club.updatedAt },
      );
      return cleared ? 'cleared' : 'gone';
    }
    if (step === 'suspend-reconfirm' || step === 'suspend-idle') {
      const reason = REASONS[step][club.language];
      const suspended = await store.updateClub(
        club.id,
        ['active'],
        { status: 'suspended', reason, notice: null, confirm: null, confirmBy: null, decidedAt: now, updatedAt: now },
        { mails: [clubMail('suspended', { ...club, status: 'suspended' }, { origin, reason })], ifUpdatedAt: club.updatedAt },
      );
      if (!suspended) return 'gone';
      this.options.log?.(`club ${club.id} suspended (${step === 'suspend-idle' ? 'unused' : 'not reconfirmed'})`);
      return 'suspended';
    }
    const notice: ClubNotice = {
      kind: step === 'reconfirm' ? 'reconfirm' : step === 'reconfirm-warning' ? 'reconfirm-warned' : 'idle-warned',
      at: now,
    };
    if (step === 'idle-warning') {
      const mail = clubMail('idle-warning', club, { origin, validFor: days });
      return (await store.updateClub(club.id, ['active'], { notice, updatedAt: now }, { mails: [mail], ifUpdatedAt: club.updatedAt }))
        ? 'mailed'
        : 'gone';
    }
    // Every change below is made only if the club is as read at the round's start (`ifUpdatedAt`): a contact
    // person who confirmed, or an operator who decided, meanwhile is not overruled by the round.
    // The reconfirmation's link is the registration's kind of link (`/club#confirm=…`), made for this mail
    // (`confirmLinkId`), valid until the suspension.
    const linkKey = (await this.options.keys()).linkKey();
    if (!linkKey) return 'gone';
    const linkId = confirmLinkId(club.id, now);
    const confirm = { kid: linkKey.kid, hash: await secretHash(await linkSecret(linkKey.key, 'club-confirm', linkId)) };
    const left = step === 'reconfirm' ? 2 * days : days;
    const mail = clubMail(step, club, {
      origin,
      link: `${origin}/club#confirm=${linkPlaceholder('club-confirm', linkKey.kid, linkId)}`,
      validFor: days,
    });
    const changed = await store.updateClub(
      club.id,
      ['active'],
      { notice, confirm, confirmBy: now + left * DAY_MS, updatedAt: now },
      { mails: [mail], ifUpdatedAt: club.updatedAt },
    );
    if (!changed) return 'gone';
    this.options.log?.(`club ${club.id}: ${step === 'reconfirm' ? 'reconfirmation' : 'reminder'} mailed`);
    return 'mailed';
  }
}
