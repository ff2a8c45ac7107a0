import { VereinConfig } from '../config/config.js';
import { VereinUsageReport } from './usage-report.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinUsageReport.define();

// Re-exported so that this module brings the tag typings along.
export { VereinConfig, VereinUsageReport };
