// The lighter stand-in for a Web `Request` that the Node adapter gives a handler marked with `PLAIN_REQUESTS`.
import type { IncomingMessage } from 'node:http';
import { fromAdapter, readBody, withBody } from '../plain-request.js';
import { BadRequestTarget, bodyStream, checkedTarget, headersOf, type NodeAdapterOptions } from './request.js';

/**
 * What a handler marked with `PLAIN_REQUESTS` gets instead of a Web
 * `Request`: the same checks, the same `method`, `url`, `headers`, `body` and
 * `signal`, each made when it is first read (a join reads its body, a status
 * request none; only an event stream reads its signal). Anything else a
 * `Request` has is answered by a real one, made then. About a sixth of an
 * attendee join's time was making the `Request` (its URL, headers, body
 * stream and two abort signals).
 */
class PlainRequest {
  readonly method: string;
  readonly url: string;
  readonly #req: IncomingMessage;
  readonly #bytes: Uint8Array | undefined;
  #headers: Headers | undefined;
  #signal: AbortSignal | undefined;
  #body: ReadableStream<Uint8Array> | null | undefined;
  #request: Request | undefined;

  constructor(req: IncomingMessage, options: NodeAdapterOptions, bytes: Uint8Array | undefined) {
    const { url, method } = checkedTarget(req, options);
    this.method = method;
    this.url = url.href;
    this.#req = req;
    this.#bytes = bytes;
    if (bytes) withBody(this, bytes);
    // The adapter writes a JSON answer from its text (`sendWebResponse`); the handler takes the URL parsed here.
    fromAdapter(this, url);
  }

  get headers(): Headers {
    return (this.#headers ??= headersOf(this.#req));
  }

  get signal(): AbortSignal {
    if (!this.#signal) {
      const controller = new AbortController();
      const req = this.#req;
      if (req.closed) {
        if (!req.complete) controller.abort();
      } else req.once('close', () => !req.complete && controller.abort());
      this.#signal = controller.signal;
    }
    return this.#signal;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === undefined) {
      if (this.method === 'GET' || this.method === 'HEAD') this.#body = null;
      else if (!this.#bytes) this.#body = bodyStream(this.#req);
      else {
        // Unless `readJsonObject` has taken it already (then it is used: none left).
        const bytes = readBody(this);
        this.#body = bytes
          ? new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(bytes);
                controller.close();
              },
            })
          : null;
      }
    }
    return this.#body;
  }

  /** A real `Request` with the same parts, for whatever else is asked. */
  static real(request: PlainRequest): Request {
    const body = request.body;
    return (request.#request ??= new Request(request.url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      ...(body ? { body, duplex: 'half' } : {}),
    } as RequestInit));
  }

  static {
    Object.setPrototypeOf(PlainRequest.prototype, Request.prototype);
    const own = new Set(['constructor', 'method', 'url', 'headers', 'signal', 'body']);
    for (const name of Object.getOwnPropertyNames(Request.prototype)) {
      if (own.has(name)) continue;
      const { value, get } = Object.getOwnPropertyDescriptor(Request.prototype, name)!;
      Object.defineProperty(
        PlainRequest.prototype,
        name,
        typeof value === 'function'
          ? {
              value(this: PlainRequest, ...args: unknown[]) {
                return (value as (...a: unknown[]) => unknown).apply(PlainRequest.real(this), args);
              },
            }
          : {
              get(this: PlainRequest) {
                return get?.call(PlainRequest.real(this));
              },
            },
      );
    }
  }
}

/** A {@link PlainRequest}, typed as the `Request` it stands in for; its errors as `toWebRequest`'s. @internal */
export function plainRequest(req: IncomingMessage, options: NodeAdapterOptions, body: Uint8Array | undefined): Request {
  try {
    return new PlainRequest(req, options, body) as unknown as Request;
  } catch (error) {
    if (error instanceof BadRequestTarget) throw error;
    throw new BadRequestTarget('the request cannot be read');
  }
}
