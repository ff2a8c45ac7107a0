import { css } from 'lit';

export const styles = css`
  form {
    display: grid;
    gap: 1rem;
    padding: 1rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .logo {
    justify-self: start;
    height: var(--verein-join-room-logo-height, 2.5rem);
    max-width: 100%;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: 44px;
  }
  label.check {
    font-weight: normal;
  }
  .hint,
  .message,
  .field-error,
  .error,
  .error p,
  .consent p {
    margin: 0;
  }
  .hint {
    color: var(--_muted);
  }
  .field-error,
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .link-button {
    justify-self: start;
    min-height: 44px;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .status,
  .error {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }
  :host([state^='embed']) {
    max-width: var(--verein-join-room-meeting-max-width, none);
  }
  .meeting {
    display: grid;
    gap: 0.5rem;
  }
  .frame {
    height: var(--verein-join-room-meeting-height, min(75vh, 48rem));
    min-height: 22rem;
    border: 1px solid var(--_muted);
  }
  .frame iframe {
    display: block;
    width: 100%;
    height: 100%;
    border: 0;
  }
  .meeting:fullscreen {
    grid-template-rows: auto 1fr;
    padding: 0.5rem;
    background: var(--_surface);
  }
  .meeting:fullscreen .frame {
    height: auto;
    min-height: 0;
  }
  .button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  @media (forced-colors: active) {
    .button[aria-pressed='true'] {
      forced-color-adjust: none;
      background: SelectedItem;
      color: SelectedItemText;
    }
  }
  .consent {
    display: grid;
    gap: 0.5rem;
  }
  .notice {
    white-space: pre-line;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5rem;
  }
  .links a {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    color: var(--_primary);
  }
`;
