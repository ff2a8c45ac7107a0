// The German texts of <verein-room-status>: one chunk, loaded when the element needs them.
import type { RoomStatusCatalogue } from './catalogue-types.js';
import { deCommon } from './common-de.js';
import { notAllowedDe } from './not-allowed-de.js';
import { deStatus } from './status-de.js';

export const catalogue: RoomStatusCatalogue = {
  status: { ...deCommon, ...deStatus },
  notAllowed: notAllowedDe,
};
