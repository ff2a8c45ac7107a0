// The English texts of <verein-room-status>: one chunk, loaded when the element needs them.
import type { RoomStatusCatalogue } from './catalogue-types.js';
import { enCommon } from './common-en.js';
import { notAllowedEn } from './not-allowed-en.js';
import { enStatus } from './status-en.js';

export const catalogue: RoomStatusCatalogue = {
  status: { ...enCommon, ...enStatus },
  notAllowed: notAllowedEn,
};
