import { checkReason } from '../bookings/reason.js';
import type { ClubService } from '../clubs/service.js';
import { actor, type Command, readConfig, required, UsageError, type Values } from './args.js';
import { withServices } from './services.js';

const STATUSES = ['unconfirmed', 'pending', 'active', 'suspended', 'rejected'];

/** Run a clubs command with the club service of the configuration (see `withServices`); the CLI acts as the full operator (all regions). */
async function withClubs(values: Values, run: (clubs: ClubService, origin: string | undefined) => Promise<number>): Promise<number> {
  const config = await readConfig(values);
  if (!config.clubs) throw new UsageError('the configuration has no clubs section');
  return withServices(values, config, (services) => run(services.clubs!, config.publicOrigin));
}

/** `clubs list|approve|reject|suspend|delete`. */
export const CLUB_COMMANDS: Record<string, Command> = {
  'clubs list': (values) =>
    withClubs(values, async (clubs) => {
      const status = values.status;
      if (status !== undefined && !STATUSES.includes(String(status)))
        throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
      const list = await clubs.operator.list(
        { actor: actor() },
        {
          ...(typeof status === 'string' ? { status: status as 'pending' } : {}),
          ...(typeof values.region === 'string' ? { region: values.region } : {}),
        },
      );
      if (values.json) console.log(JSON.stringify(list, null, 2));
      else {
        for (const c of list)
          console.log(
            [c.id, c.status, c.region, c.kind, JSON.stringify(c.name), c.origins.join(' '), c.contactEmail, `${c.rooms} room(s)`].join(
              '\t',
            ),
          );
        if (list.length === 0) console.error('no clubs.');
      }
      return 0;
    }),
  'clubs approve': (values) =>
    withClubs(values, async (clubs, origin) => {
      // The approval mail links to the server: its public origin.
      if (!origin) throw new UsageError('set publicOrigin in the configuration: the approval mail links to the server');
      const club = await clubs.operator.approve(required(values, 'id'), { actor: actor() }, origin);
      console.log(`approved ${club.id}: the contact person gets the links by e-mail`);
      return 0;
    }),
  'clubs reject': (values) =>
    withClubs(values, async (clubs) => {
      const club = await clubs.operator.decide(required(values, 'id'), 'reject', checkReason(values.reason, false), { actor: actor() });
      console.log(`rejected ${club.id}`);
      return 0;
    }),
  'clubs suspend': (values) =>
    withClubs(values, async (clubs) => {
      const club = await clubs.operator.decide(required(values, 'id'), 'suspend', required(values, 'reason'), { actor: actor() });
      console.log(`suspended ${club.id}: its rooms are closed until it is approved again`);
      return 0;
    }),
  'clubs allow-origin': (values) =>
    withClubs(values, async (clubs) => {
      const club = await clubs.operator.decideOrigin(
        required(values, 'id'),
        'allow-origin',
        { origin: required(values, 'origin') },
        { actor: actor() },
      );
      console.log(`allowed: ${club.id} may embed its rooms on ${club.origins.join(' ')}`);
      return 0;
    }),
  'clubs refuse-origin': (values) =>
    withClubs(values, async (clubs) => {
      const club = await clubs.operator.decideOrigin(
        required(values, 'id'),
        'refuse-origin',
        { origin: required(values, 'origin'), reason: values.reason },
        { actor: actor() },
      );
      console.log(`refused the website ${club.id} asked for`);
      return 0;
    }),
  'clubs delete': (values) =>
    withClubs(values, async (clubs) => {
      const id = required(values, 'id');
      await clubs.operator.delete(id, { actor: actor() });
      console.log(`deleted ${id} with its rooms, links and personal data`);
      return 0;
    }),
};
