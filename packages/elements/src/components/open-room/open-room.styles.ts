import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    max-width: var(--verein-open-room-max-width, 36rem);
  }
  form,
  .panel {
    display: grid;
    gap: 1rem;
    padding: 1rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
  }
  p {
    margin: 0;
  }
  .hint,
  .message {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .name {
    font-size: 1.25em;
    font-weight: 600;
    letter-spacing: 0.02em;
  }
  .link {
    font-family: ui-monospace, monospace;
    font-size: 0.9em;
  }
  .qr {
    display: block;
    width: min(100%, var(--verein-open-room-qr-size, 16rem));
    height: auto;
    border: 1px solid var(--_muted);
  }
  .kept {
    display: grid;
    gap: 0.5rem;
    margin: 1rem 0 0;
    padding: 0;
    list-style: none;
  }
  .link-button {
    min-height: 44px;
    min-width: 44px;
    padding: 0 0.5em;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .policy {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    color: var(--_primary);
  }
  .big {
    font-size: 1.25em;
  }
  /* A care-home tablet: very large type and targets. */
  :host([kiosk]) {
    max-width: none;
    font-size: var(--verein-open-room-kiosk-size, 2rem);
    text-align: center;
  }
  :host([kiosk]) .button,
  :host([kiosk]) verein-join-room::part(button) {
    min-height: 5em;
    min-width: 12em;
    font-size: 1.25em;
  }
  :host([kiosk]) verein-join-room {
    --verein-join-room-max-width: none;
  }
`;
