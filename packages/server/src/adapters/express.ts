import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handler } from '../context.js';
import { type BadRequestTarget, checkOptions, type NodeAdapterOptions, requestInfo, toWebRequest } from './request.js';
import { sendBadRequest, sendWebResponse } from './response.js';

/** The parts of Express' request the middleware uses; Express itself is not a dependency. */
export type ExpressRequest = IncomingMessage & { body?: unknown };

/**
 * Express middleware that runs the handler. Mount it at a path of your app;
 * requests the handler has no route for go on to your next middleware.
 * Works before or after `express.json()`. Requests it cannot hand to the
 * handler (a bad target or Host, a method like `TRACE`) are answered as
 * problem+json here, like the Node adapter does, and do not reach your app.
 * The app is yours: start the handler's background work when it listens,
 * and stop it when it closes.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { vereinsraum } from '@vereinsraum/server/express';
 * const app = express();
 * app.use('/vereinsraum', vereinsraum(handler));
 * const server = app.listen(8081, () => handler.start());
 * server.on('close', () => handler.stop());
 * ```
 */
export function vereinsraum(
  handler: Handler,
  options: NodeAdapterOptions = {},
): (req: ExpressRequest, res: ServerResponse, next: (error?: unknown) => void) => void {
  checkOptions(options);
  return (req, res, next) => {
    // A body parser ran before us: the stream is used up, so send what it parsed.
    const parsed = req.readableEnded && req.body !== undefined ? JSON.stringify(req.body) : undefined;
    let request: Request;
    try {
      request = toWebRequest(req, options, parsed);
    } catch (error) {
      return sendBadRequest(res, error as BadRequestTarget);
    }
    handler(request, requestInfo(req, options))
      .then(async (response) => {
        if (response.status === 404 && response.headers.get('content-type') === 'application/problem+json') {
          const problem = (await response.clone().json()) as { code?: string };
          if (problem.code === 'not_found') return next();
        }
        await sendWebResponse(res, response);
      })
      .catch(next);
  };
}
