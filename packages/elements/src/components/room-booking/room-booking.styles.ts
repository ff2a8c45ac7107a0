import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    max-width: var(--verein-room-booking-max-width, 40rem);
  }
  form,
  .result {
    display: grid;
    gap: 1.25rem;
    padding: 1rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
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
    padding: 0 0.25rem;
    font-weight: 600;
  }
  .times {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 1rem;
  }
  /* A checkbox inside its label: box and text together are one target of at least 44 px. */
  .check {
    display: flex;
    align-items: flex-start;
    justify-self: start;
    gap: 0.75rem;
    min-height: 44px;
    padding: 0.625rem 0.5rem 0.625rem 0;
    box-sizing: border-box;
    font-weight: normal;
    cursor: pointer;
  }
  a {
    color: var(--_primary);
  }
  /* Links that stand alone get a 44 px target too. */
  .privacy,
  .summary a {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
  }
  .privacy {
    justify-self: start;
    margin-left: 2.25rem;
  }
  .hint,
  .message,
  h2,
  dl,
  dd,
  ul {
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
  .field-error {
    margin: 0;
  }
  .error p {
    margin: 0;
  }
  .error,
  .summary {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .summary-title {
    margin: 0;
    font-weight: 700;
  }
  .summary ul {
    padding-left: 1.25rem;
  }
  .summary a {
    color: var(--_danger);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
  }
  .hp {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  h2 {
    font-size: 1.25em;
  }
  dt {
    font-weight: 600;
  }
  dd + dt {
    margin-top: 0.5rem;
  }
  .dates {
    padding-left: 1.25rem;
  }
  .copy-row {
    display: flex;
    gap: 0.5rem;
  }
  .copy-row input {
    flex: 1;
    min-width: 0;
  }
  .confirm {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .confirm p {
    margin: 0;
  }
`;
