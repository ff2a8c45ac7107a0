import { css } from 'lit';

/**
 * The operator elements' sign-in form (`internal/sign-in.ts`): one column, as
 * wide as a form of the join button. Its field, label, input and hint take
 * the element's own field styles.
 */
export const signInStyles = css`
  .sign-in {
    display: grid;
    gap: 1rem;
    max-width: 28rem;
  }
`;
