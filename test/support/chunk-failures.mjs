// A web-test-runner plugin for the browser tests of lazy chunks (used by web-test-runner.config.mjs).
/**
 * Makes the browser's requests for a module fail (`503`), to test an element
 * whose lazy chunk does not arrive. The command `fail-chunk` with
 * `{ path, times }` fails the next `times` requests whose path contains
 * `path` (0: none) and answers how many requests for it came since the last
 * such command. The command turns the page's cache off, so that the page
 * asks for each module itself.
 */
export function chunkFailures() {
  const failing = new Map();
  const requests = new Map();
  return {
    middleware: async (context, next) => {
      for (const [path, left] of failing) {
        if (!context.path.includes(path)) continue;
        requests.set(path, (requests.get(path) ?? 0) + 1);
        if (left > 0) {
          failing.set(path, left - 1);
          context.status = 503;
          context.body = 'unavailable';
          return;
        }
      }
      await next();
    },
    plugin: {
      name: 'chunk-failures',
      async executeCommand({ command, payload, session }) {
        if (command !== 'fail-chunk') return undefined;
        // The page asks the server for every module again, not its memory of an earlier test file's page.
        await session.browser.getPage(session.id).setCacheEnabled(false);
        const seen = requests.get(payload.path) ?? 0;
        requests.set(payload.path, 0);
        failing.set(payload.path, payload.times);
        return seen;
      },
    },
  };
}
