import { css } from '@lit/reactive-element';

/**
 * Styles every element shares: big targets (at least 44 px, a disclosure's
 * summary too: the webmaster's note on a page the tenant does not allow), a
 * visible focus ring, colours from `--verein-*` custom properties with
 * accessible defaults, a border that stays visible in forced-colors mode, and
 * no motion for visitors who prefer less.
 *
 * Theme values come from three places, the first one set wins: the page's
 * public `--verein-*` properties (set on the element or inherited from any
 * ancestor), the tenant's theme (`--_tenant-*`, set on the element by
 * `TenantController` in `tenant/theme.ts`), the defaults here.
 */
export const sharedStyles = css`
  :host {
    --_primary: var(--verein-color-primary, var(--_tenant-primary, #0b5cad));
    --_on-primary: var(--verein-color-on-primary, var(--_tenant-on-primary, #ffffff));
    --_text: var(--verein-color-text, #1a1a1a);
    --_muted: var(--verein-color-muted, #4a4a4a);
    --_danger: var(--verein-color-danger, #a4001d);
    --_surface: var(--verein-color-surface, #ffffff);
    --_radius: var(--verein-radius, var(--_tenant-radius, 0.5rem));
    --_focus: var(--verein-color-focus, #1a1a1a);
    color: var(--_text);
    font-family: var(--verein-font-family, var(--_tenant-font, inherit));
    font-size: max(1rem, 1em);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none !important;
  }
  [hidden] {
    display: none !important;
  }
  .button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5em 1.25em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  .button.secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  .button:hover {
    filter: brightness(1.1);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  summary {
    box-sizing: border-box;
    min-height: 44px;
    padding: 0.625em 0;
    cursor: pointer;
  }
  /* Read by screen readers, not shown. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;

export { formStyles } from './form.js';
