// The parts of the club page loaded as one chunk once the club is shown: the usage figures (with the chart) and
// the logo and colours (with the contrast check), so that the sign-in form carries neither.
export { ClubBranding } from './branding.js';
export { ClubUsage } from './usage.js';
