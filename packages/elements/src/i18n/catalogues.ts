// One text catalogue per element and language, each its own chunk: a page
// loads the catalogue of the language it speaks when an element first needs
// it, and no other. The shell of an element (its button or badge) carries no
// texts but its label; see docs/architecture.md ("Chunks").
import { lazy } from '../internal/chunks.js';
import type { JoinRoomCatalogue, RoomStatusCatalogue } from './catalogue-types.js';
import type { Locale } from './locale.js';

export type { JoinRoomCatalogue, RoomStatusCatalogue } from './catalogue-types.js';

/** A loader per language: the first call loads the chunk, later ones share it. */
export type Catalogues<T> = Record<Locale, () => Promise<T>>;

/** The catalogues of `<verein-join-room>`. */
export const joinRoomCatalogues: Catalogues<JoinRoomCatalogue> = {
  de: lazy(() => import('./join-room.de.js').then((module) => module.catalogue)),
  en: lazy(() => import('./join-room.en.js').then((module) => module.catalogue)),
};

/** The catalogues of `<verein-room-status>`. */
export const roomStatusCatalogues: Catalogues<RoomStatusCatalogue> = {
  de: lazy(() => import('./room-status.de.js').then((module) => module.catalogue)),
  en: lazy(() => import('./room-status.en.js').then((module) => module.catalogue)),
};

/** `base` with an element's `overrides` on top, and their `errors` merged too. */
export function withOverrides<T extends { errors: object }>(
  base: T,
  overrides?: Partial<Omit<T, 'errors'>> & { errors?: Partial<T['errors']> },
): T {
  return overrides ? { ...base, ...overrides, errors: { ...base.errors, ...overrides.errors } } : base;
}
