import { css } from '@lit/reactive-element';

/**
 * Form fields of the elements with forms (join, booking): a labelled field,
 * text inputs of 44 px with an error border, and check boxes and radios of
 * 1.5rem that a label of two lines never squeezes. After `sharedStyles`,
 * before an element's own styles.
 */
export const formStyles = css`
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  input:not([type='checkbox']) {
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
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .check input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--_primary);
  }
`;
