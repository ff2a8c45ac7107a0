import { css } from 'lit';

/** The form in one column; the error summary and the honeypot as the booking form has them. */
export const styles = css`
  :host {
    display: block;
    overflow-wrap: anywhere;
  }
  form {
    display: grid;
    gap: 1rem;
    max-width: 32rem;
  }
  fieldset {
    display: grid;
    gap: 1rem;
    margin: 0;
    padding: 0.75rem 1rem 1rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
  }
  legend {
    font-weight: 600;
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
  select[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  p,
  h2,
  ul {
    margin: 0;
  }
  .hint {
    color: var(--_muted);
  }
  .field-error,
  .message.error {
    color: var(--_danger);
    font-weight: 600;
  }
  .summary {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .summary-title {
    font-weight: 700;
  }
  .summary ul {
    padding-left: 1.25rem;
  }
  .summary a,
  .links a {
    display: inline-block;
    min-height: 44px;
    line-height: 44px;
    color: var(--_danger);
    font-weight: 600;
  }
  .links a {
    color: var(--_primary);
    margin-right: 1rem;
  }
  .check {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    min-height: 44px;
    font-weight: 400;
  }
  .hp {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
`;
