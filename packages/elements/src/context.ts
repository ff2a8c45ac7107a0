import { createContext } from '@lit/context';

/** What `<verein-config>` shares with the elements inside it. */
export interface VereinConfigValue {
  /** Base URL of the server helper, e.g. `https://vereinsraum.example-stadt.de`. */
  endpoint?: string;
  /** Tenant id, e.g. `tsv-musterstadt`. */
  tenant?: string;
  /** Language tag, e.g. `de` or `en`. */
  lang?: string;
}

/**
 * The context key. A global symbol, so that elements from two copies of the
 * library (a CDN bundle and an npm build) on one page still find each other.
 */
export const vereinConfigContext = createContext<VereinConfigValue>(Symbol.for('vereinsraum.config'));
