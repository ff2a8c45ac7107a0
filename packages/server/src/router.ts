import type { Route, RouteContext } from './context.js';
import { HttpError, safe } from './errors.js';

/** The methods routes are written for (`OPTIONS` is the handler's own: preflights). */
export type Method = 'GET' | 'HEAD' | 'POST' | 'DELETE';

/**
 * One line of a route table: a path pattern, what holds for the path whatever
 * the method, and a route per method.
 *
 * @typeParam S - what `scope` resolves for the routes (the context itself when there is no `scope`).
 */
export interface RouteLine<S = RouteContext> {
  /**
   * `/v1/rooms/:tenant/:room/join`: literal text, `:name` for one non-empty
   * path segment, `:name{regex}` for a part that matches `regex` (so
   * `:hash{[0-9a-f]{64}}.pem`). Parameters are not decoded.
   */
  path: string;
  /**
   * Checks of the path that come before the method is looked at (the
   * tenant and the request's origin, the admin token), and what they
   * resolve for the routes.
   */
  scope?: (request: Request, context: RouteContext) => Promise<S>;
  /** The route of each method, in the order `Allow` names them. */
  methods: Partial<Record<Method, Route<S>>>;
}

/** A check of every path under a prefix, made before the path is matched (so also for paths with no route). */
export interface PrefixCheck {
  prefix: string;
  check(request: Request, url: URL): void;
}

interface Compiled {
  line: RouteLine<unknown>;
  /** The pattern's literal start: a path without it is not matched against the pattern. */
  prefix: string;
  pattern: RegExp;
  names: string[];
}

/** `404 not_found`: no route has this path. */
function notFound(path: string): HttpError {
  return new HttpError(404, 'not_found', `No route for ${safe(path)}.`);
}

/** `405 method_not_allowed` with `Allow`: the path exists, the method does not. The one place this refusal is made. */
export function methodNotAllowed(allowed: readonly string[]): HttpError {
  return new HttpError(405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`, undefined, { allow: allowed.join(', ') });
}

/** Type-check one line of a table against its own scope; the table holds them side by side. */
export function line<S>(spec: RouteLine<S>): RouteLine<unknown> {
  return spec as RouteLine<unknown>;
}

/**
 * A route table, matched line by line in its order: the first line whose
 * pattern matches the path decides (list fixed paths before patterns that
 * would also match them). Then its `scope` runs, then the method is looked
 * up: `404` and `405` are answered here and nowhere else in the handler.
 */
export class Router {
  private readonly lines: Compiled[];

  constructor(
    lines: ReadonlyArray<RouteLine<unknown>>,
    private readonly checks: readonly PrefixCheck[] = [],
  ) {
    this.lines = lines.map((line) => ({ line, ...compile(line.path) }));
  }

  /** Answer a request; what the route throws (an `HttpError` among others) is the caller's to map. */
  async route(request: Request, context: Omit<RouteContext, 'params'>): Promise<Response> {
    const path = context.url.pathname;
    for (const { prefix, check } of this.checks) if (path.startsWith(prefix)) check(request, context.url);
    for (const { line, prefix, pattern, names } of this.lines) {
      if (!path.startsWith(prefix)) continue;
      const match = pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
      const routeContext: RouteContext = { ...context, params };
      const scope = line.scope ? await line.scope(request, routeContext) : routeContext;
      const method = request.method as Method;
      const route = Object.hasOwn(line.methods, method) ? line.methods[method] : undefined;
      if (!route) throw methodNotAllowed(Object.keys(line.methods));
      return route(request, scope);
    }
    throw notFound(path);
  }
}

/** A pattern as a regular expression over the whole path, and its parameters' names in order. */
function compile(path: string): { prefix: string; pattern: RegExp; names: string[] } {
  const names: string[] = [];
  let source = '';
  let at = 0;
  for (const param of path.matchAll(/:(\w+)(?:\{((?:[^{}]|\{[^{}]*\})+)\})?/g)) {
    source += escape(path.slice(at, param.index)) + `(${param[2] ?? '[^/]+'})`;
    names.push(param[1]!);
    at = param.index + param[0].length;
  }
  const first = path.indexOf(':');
  return { prefix: first < 0 ? path : path.slice(0, first), pattern: new RegExp(`^${source}${escape(path.slice(at))}$`), names };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
