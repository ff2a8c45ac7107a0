// Shared by the browser tests: the stack's address (served by the test runner plugin) and small waits.
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
// @ts-expect-error served by the test runner plugin
import { codes, endpoint } from '/__stack.js';

export const stack = { endpoint: endpoint as string, codes: codes as { moderator: string; attendee: string } };

export function shadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in ${host.localName}`);
  return found;
}

export async function waitForState(el: HTMLElement & { state: string }, state: string, timeout = 8000): Promise<void> {
  await waitUntil(() => el.state === state, `state ${state} (now ${el.state})`, { timeout });
}

export function startMeeting(room: string): Promise<boolean> {
  return executeServerCommand('start-meeting', { room });
}

/** Make the server helper's calls to the conference server fail (or work again). */
export function setUpstreamDown(down: boolean): Promise<boolean> {
  return executeServerCommand('upstream', { down });
}

export function sandboxCalls(): Promise<Record<string, number>> {
  return executeServerCommand('sandbox-calls');
}

/** Collect console warnings and errors while a test runs. */
export function watchConsole(): { messages: string[]; stop(): void } {
  const messages: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => messages.push(args.join(' '));
  console.error = (...args: unknown[]) => messages.push(args.join(' '));
  return {
    messages,
    stop() {
      console.warn = warn;
      console.error = error;
    },
  };
}
