// Where Chromium is, and the flags it needs here (root, no network beyond loopback).
import { existsSync } from 'node:fs';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** CHROME_PATH, else Debian's chromium. */
export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

/** Stop with a clear message when there is no browser to test in. */
export function requireChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  console.error(`
No Chromium found at ${path}. The browser tests need one.
  Debian/Ubuntu:  sudo apt-get install chromium
  Elsewhere:      set CHROME_PATH to a Chrome or Chromium binary, e.g.
                  CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test`);
  process.exit(1);
}
