import { css } from 'lit';

/**
 * The figures of a usage report (see `figures.ts`): the period picker in one
 * row, the sentence, two bar charts that fill the width. In forced colours
 * the bars take the system's text colour and the axis its border colour, so
 * the charts stay readable.
 */
export const figureStyles = css`
  form.period {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: end;
    max-width: none;
  }
  .period fieldset {
    display: contents;
  }
  .period .field {
    display: grid;
    gap: 0.25rem;
  }
  .summary {
    font-size: 1.125em;
    font-weight: 600;
  }
  .chart {
    margin: 1rem 0;
  }
  .chart figcaption {
    font-weight: 600;
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
  .chart .bar {
    fill: var(--_primary);
  }
  .chart .participants .bar {
    fill: var(--_muted);
  }
  .chart .axis {
    stroke: var(--_muted);
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  .chart + table + details {
    margin-top: 1rem;
  }
  @media (forced-colors: active) {
    .chart .bar,
    .chart .participants .bar {
      fill: CanvasText;
    }
    .chart .axis {
      stroke: CanvasText;
    }
  }
`;
