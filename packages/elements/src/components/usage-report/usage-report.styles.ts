import { css } from 'lit';

/**
 * The sentence, the period picker, two bar charts that fill the element's
 * width, and the buttons. In forced colours the bars take the system's text
 * colour and the axis its border colour, so the charts stay readable.
 */
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
  fieldset {
    display: contents;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label,
  figcaption {
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
  .summary {
    font-size: 1.125em;
    font-weight: 600;
  }
  .hint,
  .message {
    margin: 0.5rem 0;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .chart {
    margin: 1rem 0;
  }
  .panel-title,
  .panel-foot {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    margin: 0.5rem 0 0.25rem;
  }
  .panel-foot {
    margin: 0.25rem 0 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .panel svg {
    display: block;
    width: 100%;
    height: 6rem;
  }
  .bar {
    fill: var(--_primary);
  }
  .participants .bar {
    fill: var(--_muted);
  }
  .axis {
    stroke: var(--_muted);
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  details {
    margin-top: 1rem;
  }
  @media (forced-colors: active) {
    .bar,
    .participants .bar {
      fill: CanvasText;
    }
    .axis {
      stroke: CanvasText;
    }
  }
`;
