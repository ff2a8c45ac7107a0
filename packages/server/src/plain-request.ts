/**
 * Marks a handler that reads only `method`, `url`, `headers`, `body` and
 * `signal` of its requests, and never hands a request on (to `fetch` or
 * `new Request`): the Node adapter gives such a handler a lighter stand-in for
 * a Web `Request` (see `adapters/node.ts`). `createHandler`'s handlers carry it.
 *
 * @internal
 */
export const PLAIN_REQUESTS = Symbol('vereinsraum.plainRequests');

/** Mark `handler` (see {@link PLAIN_REQUESTS}). @internal */
export function readsPlainRequests<H extends object>(handler: H): H {
  return Object.assign(handler, { [PLAIN_REQUESTS]: true });
}

/** Bodies an adapter has read whole before the handler runs, by their request. */
const bodies = new WeakMap<object, Uint8Array>();

/**
 * Take the body an adapter read whole (see {@link withBody}): once, and only
 * while nothing else has read it. `undefined` for any other request.
 *
 * @internal
 */
export function readBody(request: object): Uint8Array | undefined {
  const body = bodies.get(request);
  bodies.delete(request);
  return body;
}

/** Give `request` its body, read whole already, for {@link readBody}. @internal */
export function withBody<R extends object>(request: R, body: Uint8Array): R {
  bodies.set(request, body);
  return request;
}

/** The text of answers made from a string (`json()`), by their response. */
const texts = new WeakMap<Response, string>();

/** Note that `response` was made with `text` as its whole body, for {@link bodyText}. @internal */
export function withText(response: Response, text: string): Response {
  texts.set(response, text);
  return response;
}

/**
 * The whole body of a response made by {@link withText}, while nobody has
 * read it: an adapter writes it at once instead of reading the body stream.
 *
 * @internal
 */
export function bodyText(response: Response): string | undefined {
  return response.bodyUsed ? undefined : texts.get(response);
}
