// Small steps for the stories' play functions: click the element's own
// controls inside its shadow root and wait for a state.
import type { VereinJoinRoom } from '../components/join-room/join-room.js';

export function joinRoomIn(canvas: HTMLElement): VereinJoinRoom {
  const el = canvas.querySelector('verein-join-room');
  if (!el) throw new Error('no verein-join-room in the story');
  return el;
}

export async function until(check: () => boolean, timeout = 5000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error('the story did not reach its state');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Click join, fill in the name (and a code), submit; resolve when `state` is reached. */
export async function fillAndJoin(el: VereinJoinRoom, name: string, state: string, code?: string): Promise<void> {
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
  await until(() => el.state === 'asking');
  await el.updateComplete;
  if (code !== undefined) {
    el.shadowRoot!.querySelector<HTMLButtonElement>('.link-button')?.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('#code')!.value = code;
  }
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#name')!;
  input.value = name;
  input.dispatchEvent(new Event('input'));
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === state);
  await el.updateComplete;
}
