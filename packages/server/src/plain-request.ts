// What the core and the Node adapter tell each other beside the Web types, so that a request and its answer
// cost less on Node: which handlers take a lighter request, a body the adapter read whole, the text of a JSON
// answer, and how an event stream's events go straight to a socket. Every other runtime, and every caller of the
// handler, sees plain Web `Request`s and `Response`s. Imports nothing from Node.
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

/** The Node adapter's stand-ins for requests (whose adapter writes a {@link textResponse} from its text), and their parsed URLs. */
const adapterRequests = new WeakMap<object, URL>();

/**
 * Note `request` as the Node adapter's stand-in, whose `url` is `url`: the
 * adapter writes a {@link textResponse} from its text, and the handler takes
 * the URL parsed already ({@link requestUrl}).
 *
 * @internal
 */
export function fromAdapter<R extends object>(request: R, url: URL): R {
  adapterRequests.set(request, url);
  return request;
}

/** The URL of `request`: the adapter's, parsed already (do not change it), or parsed now. @internal */
export function requestUrl(request: Request): URL {
  return adapterRequests.get(request) ?? new URL(request.url);
}

/**
 * An answer whose whole body is `text`, made without a body: undici makes a
 * Web stream for every body given to `new Response`, about a sixth of an
 * attendee join's time on Node, and the Node adapter never reads it. The
 * handler gives it its body ({@link withBodyText}) unless the request's
 * adapter writes the text itself ({@link fromAdapter}).
 *
 * @internal
 */
export function textResponse(text: string, init: ResponseInit): Response {
  const response = new Response(null, init);
  texts.set(response, text);
  return response;
}

/**
 * What the handler returns for `request`: `response` itself when the
 * request's adapter writes a {@link textResponse} from its text, else a
 * {@link textResponse} with its body (every other caller of the handler gets
 * a whole Web `Response`).
 *
 * @internal
 */
export function withBodyText(request: object, response: Response): Response {
  const text = adapterRequests.has(request) ? undefined : texts.get(response);
  if (text === undefined) return response;
  const whole = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  texts.set(whole, text);
  return whole;
}

/**
 * The whole body of a response made by {@link textResponse}, while nobody
 * has read it: an adapter writes it at once instead of reading the body
 * stream.
 *
 * @internal
 */
export function bodyText(response: Response): string | undefined {
  return response.bodyUsed ? undefined : texts.get(response);
}

/**
 * Takes an event stream's events straight to a socket: `write` gets each
 * chunk, `close` ends the answer (when the server drains). Returns what to call
 * when the client has gone, or `undefined` when a reader of the body has the
 * events already (then read the body as usual). After it, the body stream gets
 * nothing.
 *
 * @internal
 */
export type EventSink = (write: (chunk: Uint8Array) => void, close: () => void) => (() => void) | undefined;

const sinks = new WeakMap<Response, EventSink>();

/** Note how `response`'s events can go straight to a socket, for {@link eventSink}. @internal */
export function withEvents(response: Response, sink: EventSink): Response {
  sinks.set(response, sink);
  return response;
}

/** The {@link EventSink} of an event stream's answer while nobody has read its body. @internal */
export function eventSink(response: Response): EventSink | undefined {
  return response.bodyUsed || response.body?.locked ? undefined : sinks.get(response);
}
