import { css } from 'lit';

/** One column of cards; every target at least 44 px; long addresses and code wrap. */
export const styles = css`
  :host {
    display: block;
    overflow-wrap: anywhere;
  }
  form {
    display: grid;
    gap: 1rem;
    max-width: 28rem;
  }
  select {
    box-sizing: border-box;
    min-height: 44px;
    width: 100%;
    padding: 0.5em 0.75em;
    border: 2px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  h2,
  h3,
  p,
  ul,
  pre {
    margin: 0;
  }
  .stack {
    display: grid;
    gap: 1.5rem;
  }
  .hint {
    color: var(--_muted);
  }
  .message.error {
    color: var(--_danger);
    font-weight: 600;
  }
  .bar,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
  }
  .actions {
    justify-content: flex-start;
  }
  .rooms {
    display: grid;
    gap: 1rem;
    padding: 0;
    list-style: none;
  }
  .room {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  pre {
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: #f3f3f3;
    color: var(--_text);
    white-space: pre-wrap;
    font-size: 0.875em;
  }
  .check {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    min-height: 44px;
    font-weight: 400;
  }
  .button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .button.danger:not(.secondary) {
    background: var(--_danger);
    color: var(--_surface);
  }
  a.button {
    text-decoration: none;
  }
  fieldset.settings {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
  }
  legend {
    padding: 0 0.25rem;
    font-weight: 600;
  }
  .links {
    display: grid;
    gap: 0.5rem;
    padding: 0;
    list-style: none;
  }
  .link {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
  }
  .websites {
    margin: 0;
    padding-left: 1.25rem;
  }
  .colours {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  input[type='color'] {
    box-sizing: border-box;
    min-width: 44px;
    min-height: 44px;
    width: 5rem;
    padding: 0.25rem;
  }
  .preview-button {
    display: inline-flex;
    opacity: 1;
    font: inherit;
    align-items: center;
    min-height: 44px;
    margin-top: 0.5rem;
    padding: 0.5em 1.25em;
    border: 2px solid;
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .confirm {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
  }
`;
