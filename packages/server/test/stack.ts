// Test helper: the server helper on 127.0.0.1 in front of a real sandbox.
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import type { HandlerOptions } from '../src/services.ts';
import { serve } from '../src/adapters/node.ts';

export const SECRET = 'test-secret-8d1c0f6e-3c1b-4a57-9a57-1c2f3f2e9d10';
export const MODERATOR_CODE = 'vorstand-leitung';
export const ATTENDEE_CODE = 'vorstand-mitglied';
export const PAGE_ORIGIN = 'https://www.tsv.example';

export const env = { BBB_SECRET: SECRET, VORSTAND_MOD: MODERATOR_CODE, VORSTAND_ATT: ATTENDEE_CODE, OPEN_MOD: 'open-mod' };

export function rawConfig(bbbUrl: string) {
  return {
    backends: { sandbox: { type: 'bbb', url: bbbUrl, secretEnv: 'BBB_SECRET', timeoutMs: 2000 } },
    tenants: {
      tsv: {
        name: 'TSV Musterstadt',
        allowedOrigins: [PAGE_ORIGIN],
        rooms: {
          training: { name: 'Training', backend: 'sandbox', start: 'anyone' },
          treff: { name: 'Treffpunkt', backend: 'sandbox', start: 'anyone' },
          vorstand: {
            name: 'Vorstand',
            backend: 'sandbox',
            start: 'moderator-code',
            moderatorCodeEnv: 'VORSTAND_MOD',
            attendeeCodeEnv: 'VORSTAND_ATT',
          },
          sprechstunde: { name: 'Sprechstunde', backend: 'sandbox', start: 'moderator-code', moderatorCodeEnv: 'OPEN_MOD' },
        },
      },
      other: { name: 'Other club', allowedOrigins: [], rooms: { hall: { name: 'Hall', backend: 'sandbox', start: 'anyone' } } },
    },
  };
}

export interface Stack {
  sandbox: Sandbox;
  api: string;
  logs: string[];
  join(room: string, body: unknown, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startStack(options: HandlerOptions & { bbbUrl?: string; adminToken?: string } = {}): Promise<Stack> {
  const sandbox = await startSandbox({ secret: SECRET });
  const logs: string[] = [];
  const raw = {
    ...rawConfig(options.bbbUrl ?? `${sandbox.url}/bigbluebutton/`),
    ...(options.adminToken ? { adminTokenEnv: 'ADMIN_TOKEN' } : {}),
  };
  const config = parseConfig(raw, { ...env, ADMIN_TOKEN: options.adminToken });
  const server = await serve(createHandler(config, { log: (level, message) => logs.push(`${level} ${message}`), ...options }));
  return {
    sandbox,
    api: server.url,
    logs,
    join: (room, body, init = {}) =>
      fetch(`${server.url}/v1/rooms/tsv/${room}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...init,
      }),
    async close() {
      await server.close();
      await sandbox.close();
    },
  };
}

/** Follow a join URL into the sandbox and read who we are there. */
export async function enterMeeting(url: string): Promise<{ page: string; state: any }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`meeting page: HTTP ${response.status}: ${await response.text()}`);
  const page = await response.text();
  const state = await (await fetch(`${response.url}/state`)).json();
  return { page, state };
}
