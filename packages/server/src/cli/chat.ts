import { chatProblem, chatProviders } from '../chat/rooms.js';
import { createBotAccount, MattermostError } from '../providers/mattermost.js';
import { type Command, readConfig, required, UsageError } from './args.js';

/** `chat rotate-invite|create-bot`. */
export const CHAT_COMMANDS: Record<string, Command> = {
  'chat rotate-invite': async (values) => {
    const config = await readConfig(values);
    const tenantId = required(values, 'tenant');
    const chat = config.tenants.get(tenantId)?.bookings?.chat;
    if (!chat) throw new UsageError(`--tenant ${tenantId} is not a tenant with chat bookings (bookings.chat) in the configuration`);
    const provider = chatProviders(config).get(chat.backend)!;
    try {
      const team = await provider.team(chat.team);
      const link = provider.inviteUrl(await provider.regenerateInviteId(team.id));
      console.log(link);
      console.error(`new invite link for team ${team.name}; the old one no longer works.`);
      return 0;
    } catch (error) {
      if (!(error instanceof MattermostError)) throw error;
      console.error(`vereinsraum: chat_unavailable: ${chatProblem(error, provider, chat.team, 'The invite link is unchanged.')}`);
      return 1;
    }
  },
  'chat create-bot': async (values) => {
    const url = required(values, 'url').replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s?#]+$/.test(url))
      throw new UsageError('--url must be the address of the Mattermost server, e.g. https://chat.example.org');
    const team = required(values, 'team');
    const variable = typeof values['admin-token-env'] === 'string' ? values['admin-token-env'] : 'MATTERMOST_ADMIN_TOKEN';
    const adminToken = process.env[variable];
    if (!adminToken) throw new UsageError(`the environment variable ${variable} must hold a system admin's personal access token`);
    const username = typeof values.username === 'string' ? values.username : 'vereinsraum';
    try {
      const bot = await createBotAccount({
        url,
        adminToken,
        team,
        username,
        displayName: 'Vereinsraum',
        description: 'Booked chat rooms (Vereinsraum server helper)',
      });
      console.log(bot.token);
      console.error(
        `created bot @${username}, admin of team ${team}. Its access token is above, shown only this once: put it into the environment variable that tokenEnv names.`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof MattermostError)) throw error;
      console.error(
        `vereinsraum: Mattermost: ${error.reason}. Bot accounts and personal access tokens must be enabled in the System Console.`,
      );
      return 1;
    }
  },
};
