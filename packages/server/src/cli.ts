#!/usr/bin/env node
// `vereinsraum`: the operator's command. One module per command group in cli/.
import { parseArgs } from 'node:util';
import { ConfigError } from './config/index.js';
import { type Command, OPTIONS, UsageError } from './cli/args.js';
import { BOOKING_COMMANDS } from './cli/bookings.js';
import { CHAT_COMMANDS } from './cli/chat.js';
import { CLUB_COMMANDS } from './cli/clubs.js';
import { KEY_COMMANDS } from './cli/keys.js';
import { SERVE_COMMANDS } from './cli/serve.js';
import { FIGURE_COMMANDS } from './cli/figures.js';
import { USAGE } from './cli/usage.js';

const COMMANDS: Record<string, Command> = {
  ...SERVE_COMMANDS,
  ...KEY_COMMANDS,
  ...BOOKING_COMMANDS,
  ...CHAT_COMMANDS,
  ...FIGURE_COMMANDS,
  ...CLUB_COMMANDS,
};

/** A mistake in how the command was called: one line, and where the usage is. */
function usageError(message: string): number {
  console.error(`vereinsraum: ${message}\nRun 'vereinsraum --help' for the commands and their options.`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    console.log(USAGE);
    return first === undefined ? 1 : 0;
  }
  const group = first === 'keys' || first === 'invite' || first === 'bookings' || first === 'chat' || first === 'clubs';
  const name = group ? `${first} ${second ?? ''}`.trim() : first;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    if (group) {
      const known = Object.keys(COMMANDS)
        .filter((c) => c.startsWith(`${first} `))
        .map((c) => c.split(' ')[1]);
      return usageError(
        `${second === undefined ? `'${first}' needs a subcommand` : `unknown command '${name}'`}: ${first} ${known.join('|')}`,
      );
    }
    return usageError(`unknown command '${name}'`);
  }
  try {
    const { values } = parseArgs({ args: group ? rest : argv.slice(1), options: OPTIONS });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    return await command(values);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(
        `vereinsraum: the configuration cannot be used:\n${error.issues.map((i) => `  - ${i.path || '(file)'}: ${i.message}`).join('\n')}`,
      );
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      return usageError((error as Error).message);
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => code >= 0 && process.exit(code),
  (error: unknown) => {
    console.error(`vereinsraum: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
