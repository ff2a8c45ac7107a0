import { html, nothing, type TemplateResult } from 'lit';
import { ACCESS_CODE_MAX, CLUB_LIMITS, type ClubRoom, type ClubView } from '@vereinsraum/protocol';
import { clubRoomLink, createClubRoom, deleteClubRoom, updateClubRoom } from '../../api/client.js';
import type { ClubMessages } from '../../i18n/club.js';
import type { ClubPart } from './part.js';

/** The room settings the page offers, as `ClubRoom` names them. */
const SETTINGS = ['waitingRoom', 'muteOnEntry', 'allModerators', 'recording'] as const;
const STARTS = ['moderator-code', 'anyone', 'invite'] as const;

/** The settings of a room form's checkboxes, each `true` or `false`. */
function settingsOf(data: Record<string, string>): Record<(typeof SETTINGS)[number], boolean> {
  return Object.fromEntries(SETTINGS.map((name) => [name, data[name] === 'on'])) as Record<(typeof SETTINGS)[number], boolean>;
}

/** What the rooms part needs beyond every part's. */
export interface ClubRoomsHost extends ClubPart {
  /** A request: the last problem goes, `work` runs with the server and the session's CSRF token; a refusal shows (after `failed`). */
  send(work: (endpoint: string, csrf: string) => Promise<void>, failed?: () => void): Promise<void>;
  /** The rooms changed as `change` says: say `notice`, move the focus to `focus`. */
  changed(change: (rooms: ClubRoom[]) => ClubRoom[], notice: string, focus: string): void;
  /** A link was made: the list of links that still work is out of date. */
  linksChanged(): void;
  moveFocus(selector: string): void;
}

/**
 * The club's rooms on its page: each room with its two lines for the club's
 * website (to copy), "start now" as moderator, a link for members and one for
 * deputies, a form to change its name, who may start it, its access code and
 * its settings, and delete; then the form for a new room. It remembers which
 * room's form is open and the links made on the page.
 */
export class ClubRooms {
  /** Links made on this page, by room: a member or deputy link to copy. */
  #made: Record<string, { kind: 'invite' | 'deputy'; link: string }> = {};
  /** The room whose change form is open (`''`: none). */
  #editing = '';
  readonly #host: ClubRoomsHost;

  constructor(host: ClubRoomsHost) {
    this.#host = host;
  }

  render(t: ClubMessages, club: ClubView): TemplateResult {
    return html`<h3 id="rooms">${t.roomsTitle}</h3>
      <p class="hint">${t.roomCount(club.rooms.length, club.maxRooms)}</p>
      <ul class="rooms" part="list" aria-labelledby="rooms">
        ${club.rooms.map((room) => this.#renderRoom(t, room))}
      </ul>
      <form id="new-room" part="form" @submit=${(e: Event) => this.#create(e, t)}>
        <h3>${t.newRoomTitle}</h3>
        <div class="field">
          <label for="name">${t.nameLabel}</label>
          <input id="name" part="input" name="name" required minlength="2" maxlength=${CLUB_LIMITS.nameMax} />
        </div>
        <div class="field">
          <label for="id">${t.idLabel}</label>
          <p id="id-hint" class="hint">${t.idHint}</p>
          <input id="id" part="input" name="id" required pattern="[a-z0-9](?:[a-z0-9\\-]{0,62}[a-z0-9])?" aria-describedby="id-hint" />
        </div>
        <div class="field">
          <label for="code">${t.codeLabel}</label>
          <p id="code-hint" class="hint">${t.codeHint}</p>
          <input id="code" part="input" name="accessCode" autocomplete="off" minlength=${CLUB_LIMITS.codeMin} maxlength=${ACCESS_CODE_MAX} aria-describedby="code-hint" />
        </div>
        <div class="field">
          <label for="start">${t.whoStarts}</label>
          <select id="start" name="start">
            ${STARTS.map((start) => html`<option value=${start}>${t.starts[start]}</option>`)}
          </select>
        </div>
        ${renderSettings(t, 'new')}
        <div class="actions"><button class="button" part="button" type="submit">${t.create}</button></div>
      </form>`;
  }

  #renderRoom(t: ClubMessages, room: ClubRoom) {
    const made = this.#made[room.id];
    const settings = SETTINGS.filter((name) => room[name]).map((name) => t.settings[name]);
    return html`<li class="room" part="room" id="room-${room.id}" tabindex="-1" aria-labelledby="name-${room.id}">
      <h4 id="name-${room.id}">${room.name} (${room.id})</h4>
      <p>${room.accessCode ? t.accessCode : t.noAccessCode} · ${t.whoStarts}: ${t.starts[room.start]}</p>
      ${settings.length ? html`<p class="settings-line">${settings.join(' · ')}</p>` : nothing}
      <p id="embed-label-${room.id}">${t.embedLabel}</p>
      <pre aria-labelledby="embed-label-${room.id}">${room.embed}</pre>
      ${made ? html`<p>${made.kind === 'deputy' ? t.deputyReady : t.inviteReady}</p><pre class="made-link">${made.link}</pre>` : nothing}
      ${
        this.#editing === room.id
          ? html`<form id="edit-${room.id}" part="form" @submit=${(e: Event) => this.#update(e, room.id, t)}>
          <div class="field">
            <label for="name-${room.id}-edit">${t.nameLabel}</label>
            <input id="name-${room.id}-edit" part="input" name="name" required minlength="2" maxlength=${CLUB_LIMITS.nameMax} .value=${room.name} />
          </div>
          <div class="field">
            <label for="start-${room.id}">${t.whoStarts}</label>
            <select id="start-${room.id}" name="start">
              ${STARTS.map((start) => html`<option value=${start} ?selected=${room.start === start}>${t.starts[start]}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="code-${room.id}">${t.newCodeLabel}</label>
            <input id="code-${room.id}" part="input" name="accessCode" autocomplete="off" minlength=${CLUB_LIMITS.codeMin} maxlength=${ACCESS_CODE_MAX} />
          </div>
          <label class="check" for="nocode-${room.id}"><input id="nocode-${room.id}" name="noCode" type="checkbox" /><span>${t.removeCode}</span></label>
          ${renderSettings(t, room.id, room)}
          <div class="actions"><button class="button" part="button" type="submit">${t.save}</button></div>
        </form>`
          : nothing
      }
      <div class="actions">
        <button
          id="edit-button-${room.id}"
          class="button secondary"
          part="button"
          type="button"
          data-action="edit"
          aria-expanded=${this.#editing === room.id ? 'true' : 'false'}
          aria-describedby="name-${room.id}"
          @click=${() => this.#toggleEdit(room.id)}
        >${t.edit}</button>
        <button class="button secondary" part="button" type="button" data-action="copy" aria-describedby="name-${room.id}" @click=${() => this.#copy(room.embed, t)}>${t.copy}</button>
        <button class="button" part="button" type="button" data-action="start" aria-describedby="name-${room.id}" @click=${() => this.#link(room.id, 'start')}>${t.start}</button>
        <button class="button secondary" part="button" type="button" data-action="invite" aria-describedby="name-${room.id}" @click=${() => this.#link(room.id, 'invite')}>${t.invite}</button>
        <button class="button secondary" part="button" type="button" data-action="deputy" aria-describedby="name-${room.id}" @click=${() => this.#link(room.id, 'deputy')}>${t.deputyLink}</button>
        <button class="button secondary danger" part="button" type="button" data-action="remove" aria-describedby="name-${room.id}" @click=${() => this.#remove(room.id, room.name, t)}>${t.remove}</button>
      </div>
    </li>`;
  }

  #create(event: Event, t: ClubMessages): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    return this.#host.send(async (endpoint, csrf) => {
      const room = await createClubRoom(endpoint, csrf, {
        id: data.id,
        name: data.name,
        start: data.start,
        ...(data.accessCode ? { accessCode: data.accessCode } : {}),
        ...settingsOf(data),
      });
      form.reset();
      this.#host.changed((rooms) => [...rooms, room], t.created(room.name), `#room-${room.id}`);
    });
  }

  #toggleEdit(room: string): void {
    this.#editing = this.#editing === room ? '' : room;
    this.#host.moveFocus(this.#editing ? `#name-${room}-edit` : `#edit-button-${room}`);
  }

  #update(event: Event, room: string, t: ClubMessages): Promise<void> {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target as HTMLFormElement)) as Record<string, string>;
    return this.#host.send(async (endpoint, csrf) => {
      const changed = await updateClubRoom(endpoint, csrf, room, {
        name: data.name,
        start: data.start,
        ...(data.noCode ? { accessCode: null } : data.accessCode ? { accessCode: data.accessCode } : {}),
        ...settingsOf(data),
      });
      this.#editing = '';
      this.#host.changed((rooms) => rooms.map((r) => (r.id === room ? changed : r)), t.saved(changed.name), `#edit-button-${room}`);
    });
  }

  #link(room: string, kind: 'start' | 'invite' | 'deputy'): Promise<void> {
    // Opened before the answer, so that the browser lets the click open a tab.
    const tab = kind === 'start' ? window.open('', '_blank') : null;
    return this.#host.send(
      async (endpoint, csrf) => {
        const { link } = await clubRoomLink(endpoint, csrf, room, kind);
        if (tab) tab.location.href = link;
        else if (kind !== 'start') {
          this.#made = { ...this.#made, [room]: { kind, link } };
          this.#host.update();
          this.#host.linksChanged();
        }
      },
      () => tab?.close(),
    );
  }

  async #remove(room: string, name: string, t: ClubMessages): Promise<void> {
    if (!window.confirm(t.removeConfirm(name))) return;
    return this.#host.send(async (endpoint, csrf) => {
      await deleteClubRoom(endpoint, csrf, room);
      this.#host.changed((rooms) => rooms.filter((r) => r.id !== room), t.removed(name), '#title');
    });
  }

  async #copy(text: string, t: ClubMessages): Promise<void> {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    this.#host.say(t.copied);
  }
}

/** The room settings as checkboxes (`room`: its values, else all off). */
function renderSettings(t: ClubMessages, prefix: string, room?: ClubRoom) {
  return html`<fieldset class="settings">
    <legend>${t.settingsLegend}</legend>
    ${SETTINGS.map(
      (name) =>
        html`<label class="check" for="${prefix}-${name}"
          ><input id="${prefix}-${name}" name=${name} type="checkbox" ?checked=${room?.[name] ?? false} /><span>${t.settings[name]}</span></label
        >`,
    )}
  </fieldset>`;
}
