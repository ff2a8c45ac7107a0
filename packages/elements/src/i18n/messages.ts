/** Error codes the elements explain: the server's codes plus the browser's own. */
export type ClientErrorCode =
  | 'name_missing'
  | 'name_too_long'
  | 'name_control_characters'
  | 'access_code_required'
  | 'access_code_invalid'
  | 'too_many_attempts'
  | 'room_not_found'
  | 'tenant_not_found'
  | 'origin_not_allowed'
  | 'upstream_unavailable'
  | 'network_error'
  | 'not_configured'
  | 'unknown';

/**
 * Every text the elements show. Give a partial object to an element's
 * `messages` property to change any of them.
 */
export interface Messages {
  join: string;
  nameLabel: string;
  nameHint: string;
  remember: string;
  haveCode: string;
  codeLabel: string;
  submit: string;
  cancel: string;
  joining: string;
  waiting: string;
  stopWaiting: string;
  opened: string;
  openAgain: string;
  ready: string;
  openMeeting: string;
  newTab: string;
  retry: string;
  /** Names what is missing when an element lacks its setup (`room`, `tenant`, `endpoint`). */
  notConfigured: (missing: string) => string;
  errors: Record<Exclude<ClientErrorCode, 'not_configured'>, string>;
}

/** The languages with a complete catalogue. */
export type Locale = 'de' | 'en';

/** Texts to change on one element: any of {@link Messages}, and any error text. */
export type MessageOverrides = Partial<Omit<Messages, 'errors'>> & { errors?: Partial<Messages['errors']> };
