// Test helper: one server instance as a process of its own, for what `vereinsraum serve` does not let a
// test set (a short approval lease). Run with `node --import tsx instance.ts CONFIG KEYS OPTIONS_JSON`;
// prints `listening on URL` like `vereinsraum serve`, ends on SIGTERM; a test may kill it with SIGKILL.
import { serve } from '../src/adapters/node.ts';
import { loadConfigFile } from '../src/config-file.ts';
import { loadKeySetFile } from '../src/files.ts';
import { createHandler } from '../src/handler.ts';
import type { HandlerOptions } from '../src/services.ts';
import { openStore } from '../src/store/open.ts';

const [configPath, keyFile, options = '{}'] = process.argv.slice(2);
const config = await loadConfigFile(configPath!);
const { keys } = await loadKeySetFile(keyFile!);
const store = await openStore(config.store, '.');
const handler = createHandler(config, {
  keys,
  store,
  log: (level, message) => console.error(`vereinsraum ${level}: ${message}`),
  ...(JSON.parse(options) as HandlerOptions),
});
const running = await serve(handler);
console.log(`listening on ${running.url}`);
process.once(
  'SIGTERM',
  () =>
    void running
      .close()
      .then(() => store.close())
      .then(() => process.exit(0)),
);
