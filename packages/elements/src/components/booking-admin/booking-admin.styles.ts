import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: 1rem;
    max-width: 28rem;
  }
  form.reject {
    gap: 0.5rem;
    min-width: 16rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  input,
  textarea {
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
  .hint,
  .message,
  h2,
  ul {
    margin: 0;
  }
  .hint {
    color: var(--_muted);
  }
  .error {
    display: grid;
    gap: 0.5rem;
    margin-bottom: 1rem;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
    font-weight: 600;
  }
  .error p {
    margin: 0;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    margin-bottom: 1rem;
  }
  h2 {
    font-size: 1.25em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.5rem;
    border-bottom: 1px solid var(--_muted);
    text-align: left;
    vertical-align: top;
  }
  th[scope='row'] {
    font-weight: 600;
  }
  td ul {
    padding-left: 1rem;
  }
  a {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    color: var(--_primary);
  }
  .status {
    margin-bottom: 1rem;
  }
`;
