import { css } from 'lit';

/** The token form, the fields and the buttons; the figures' own styles are `figureStyles`. */
export const styles = css`
  :host {
    display: block;
    overflow-wrap: anywhere;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: end;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  input {
    box-sizing: border-box;
    min-height: 44px;
    padding: 0.5em 0.75em;
    border: 2px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  .bar-top {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .hint,
  .message {
    margin: 0.5rem 0;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
`;
