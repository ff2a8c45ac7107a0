import { css } from '@lit/reactive-element';

export const styles = css`
  :host {
    --_dot: var(--verein-room-status-dot-size, 0.75em);
    --_live: var(--verein-room-status-live-color, var(--verein-color-success, #13702f));
    --_idle: var(--verein-room-status-idle-color, var(--_muted));
    display: inline-block;
  }
  /* Hidden while idle, but the announcement region stays, so that "live" is still announced. */
  :host([hidden-when-idle][state='idle']) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  :host([hidden-when-idle][state='idle']) .badge {
    display: none;
  }
  .badge {
    display: inline-grid;
    grid-template-columns: auto auto;
    align-items: center;
    gap: 0 0.5em;
    padding: 0.25em 0.75em;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--verein-room-status-background, var(--_surface));
  }
  .badge:has(> .logo) {
    grid-template-columns: auto auto auto;
  }
  .logo {
    height: var(--verein-room-status-logo-height, 1.5em);
    max-width: 6em;
  }
  .notice {
    display: block;
  }
  .notice p {
    margin: 0.25em 0;
  }
  .dot {
    box-sizing: border-box;
    flex: none;
    width: var(--_dot);
    height: var(--_dot);
    border: 0.125em solid var(--_idle);
    border-radius: 50%;
    background: var(--_idle);
  }
  .label {
    font-weight: 600;
  }
  .details {
    grid-column: -2;
    color: var(--_muted);
  }
  :host([state='live']) .dot {
    border-color: var(--_live);
    background: var(--_live);
  }
  :host([state='unknown']) .dot,
  :host([state='checking']) .dot {
    background: transparent;
  }
  :host([state='error']) .dot {
    display: none;
  }
  :host([state='error']) .label {
    color: var(--_danger);
  }
  @media (prefers-reduced-motion: no-preference) {
    :host([state='live']) .dot {
      animation: pulse 2s ease-out infinite;
    }
  }
  @keyframes pulse {
    from {
      box-shadow: 0 0 0 0 var(--_live);
    }
    to {
      box-shadow: 0 0 0 0.5em transparent;
    }
  }
  @media (forced-colors: active) {
    .badge {
      border-color: CanvasText;
    }
    :host([state]) .dot {
      forced-color-adjust: none;
      border-color: CanvasText;
      background: CanvasText;
      box-shadow: none;
      animation: none;
    }
    :host([state='unknown']) .dot,
    :host([state='checking']) .dot {
      background: Canvas;
    }
  }
`;
