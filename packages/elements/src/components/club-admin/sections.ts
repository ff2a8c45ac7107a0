// The parts of the club page loaded as one chunk once the club is shown: the links that still work, the usage
// figures (with the chart), the logo and colours (with the contrast check) and handing over the contact role, so that the sign-in form carries none.
export { ClubBranding } from './branding.js';
export { ClubHandover } from './handover.js';
export { ClubLinks } from './links.js';
export { ClubUsage } from './usage.js';
