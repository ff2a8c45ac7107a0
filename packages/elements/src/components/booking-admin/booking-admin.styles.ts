import { css } from 'lit';

/**
 * A list of cards at every width: one column on a phone, as many 22rem
 * columns as fit on a wide screen (the element's own width counts, not the
 * window's); in a wide card the labels stand beside their values. Nothing is
 * wider than the element: long words and addresses wrap.
 */
export const styles = css`
  :host {
    display: block;
    overflow-wrap: anywhere;
  }
  form.reason {
    display: grid;
    gap: 0.5rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
  }
  label,
  legend,
  dt {
    font-weight: 600;
  }
  input,
  select,
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
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .hint,
  .message,
  h2,
  h3,
  dl,
  dd,
  ul {
    margin: 0;
  }
  .hint {
    color: var(--_muted);
  }
  .error {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
    font-weight: 600;
  }
  .card .error {
    margin: 0.75rem 0 0;
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
  .card .actions {
    margin-top: 0.75rem;
  }
  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
  }
  .button.secondary.danger {
    background: var(--_surface);
    color: var(--_danger);
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9rem), 1fr));
    gap: 0.75rem;
    margin: 0 0 1rem;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .count {
    margin-bottom: 1rem;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr));
    gap: 1rem;
    padding: 0;
    list-style: none;
  }
  .card {
    container-type: inline-size;
    min-width: 0;
    padding: 1rem;
    border: 1px solid var(--_muted);
    border-left-width: 6px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .card[data-status='pending'] {
    border-color: var(--_primary);
  }
  h3 {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
    margin-bottom: 0.75rem;
    font-size: 1.1em;
  }
  .badge {
    padding: 0 0.5em;
    border: 2px solid var(--_muted);
    border-radius: var(--_radius);
    font-size: 0.875em;
    font-weight: 600;
    white-space: nowrap;
  }
  [data-status='pending'] .badge {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  [data-status='rejected'] .badge,
  [data-status='cancelled'] .badge {
    border-style: dashed;
  }
  dl {
    display: grid;
    gap: 0.5rem;
  }
  dd ul {
    padding-left: 1.25rem;
  }
  @container (min-width: 30rem) {
    dl > div {
      display: grid;
      grid-template-columns: 9rem 1fr;
      gap: 0.75rem;
    }
  }
  a {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    color: var(--_primary);
  }
  code {
    font-size: 0.95em;
  }
  @media (forced-colors: active) {
    [data-status='pending'] .badge {
      border-color: CanvasText;
    }
  }
`;
