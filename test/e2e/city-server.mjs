// Harness for the end-to-end tests of a city's server set up from the docs alone:
// the configuration and the nginx site of docs/operator.md, the embed of the
// README, `vereinsraum serve` as a child process, Debian's nginx, a club page on
// another origin.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const read = (path) => readFile(new URL(path, root), 'utf8');

/** The fenced code blocks of a Markdown text in `lang`, in order. */
export function fencedBlocks(markdown, lang) {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1]);
}

/** `text` with each `[from, to]` replaced; a `from` that is not there is an error (the docs changed). */
function substitute(text, pairs, what) {
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`${what} no longer contains ${from}`);
    text = text.replaceAll(from, to);
  }
  return text;
}

/**
 * The configuration of docs/operator.md (its first JSON block), with the
 * sandbox as BigBlueButton and `pageOrigin` as the club's website; and an
 * environment with a value for every variable it names (`…Env`).
 */
export async function operatorConfig({ bbbUrl, bbbSecret, pageOrigin }) {
  const json = fencedBlocks(await read('docs/operator.md'), 'json')[0];
  const config = JSON.parse(
    substitute(
      json,
      [
        ['https://bbb.example-stadt.de/bigbluebutton/', bbbUrl],
        ['https://www.tsv-musterstadt.de', pageOrigin],
      ],
      'the configuration of docs/operator.md',
    ),
  );
  delete config.$schema; // a path on the operator's machine
  const env = {};
  const walk = (value) => {
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key.endsWith('Env') && typeof inner === 'string')
        env[inner] = key === 'secretEnv' ? bbbSecret : `e2e-${inner.toLowerCase()}-${crypto.randomUUID()}`;
      else walk(inner);
    }
  };
  walk(config);
  return { config, env };
}

/** The README's first HTML block (the two-line embed) and its status line, for the server at `serverUrl`. */
export async function readmeEmbed(serverUrl) {
  const blocks = fencedBlocks(await read('README.md'), 'html');
  const status = blocks.find((block) => block.includes('<verein-room-status'));
  if (!status) throw new Error('the README shows no <verein-room-status> line');
  const pairs = [['https://vereinsraum.example-stadt.de', serverUrl]];
  return { embed: substitute(blocks[0], pairs, 'the README embed'), status: substitute(status, pairs, "the README's status line") };
}

/** A free port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A club's website: one plain page, on `http://localhost:PORT` (another origin
 * than the server's `127.0.0.1`). Its `body` is set once the server's address is known.
 */
export async function clubPage() {
  let body = '';
  const server = createServer((req, res) => {
    if (req.url !== '/') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="de">
  <head><meta charset="utf-8"><title>TSV Musterstadt</title><link rel="icon" href="data:,"></head>
  <body>
    <main>
      <h1>TSV Musterstadt 1890 e. V.</h1>
${body}
    </main>
  </body>
</html>
`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${server.address().port}`,
    setBody: (html) => void (body = html),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

/** The `vereinsraum` command of the built server package. */
export const cliPath = fileURLToPath(new URL('packages/server/dist/cli.js', root));

/**
 * `vereinsraum serve` as an operator runs it: the server package's bin, a config file, a data folder (its own, or
 * `data`: one that instances share, with the key set in it).
 */
export async function startServe({ config, env, args = [], data }) {
  const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-e2e-'));
  const configPath = join(dir, 'vereinsraum.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const child = spawn(
    process.execPath,
    [cliPath, 'serve', '--config', configPath, '--data', data ?? join(dir, 'data'), '--port', '0', ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(log);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', check);
    exited.then(() => reject(new Error(`vereinsraum serve ended:\n${log}`)));
  });
  return {
    url,
    dir,
    child,
    exited,
    log: () => log,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Debian's nginx, or NGINX_PATH. */
export function nginxPath() {
  const path = process.env.NGINX_PATH || '/usr/sbin/nginx';
  if (!existsSync(path)) throw new Error(`No nginx at ${path}: install it (apt-get install nginx) or set NGINX_PATH. .ci/run installs it.`);
  return path;
}

/**
 * nginx on `127.0.0.1:port`, in front of the server at `upstream`, with the
 * site of docs/operator.md: the same `location`, TLS left out (the test has
 * no certificate). Its own instance: prefix, logs and pid in a folder of its own.
 */
export async function startNginx({ upstream, port }) {
  const site = fencedBlocks(await read('docs/operator.md'), 'nginx').find((block) => block.includes('proxy_pass http://127.0.0.1:8080'));
  if (!site) throw new Error('docs/operator.md has no nginx site for the server');
  return runNginx(
    substitute(site, [['proxy_pass http://127.0.0.1:8080;', `proxy_pass ${upstream};`]], 'the nginx site of docs/operator.md'),
    port,
  );
}

/**
 * nginx on `127.0.0.1:port` in front of two instances (`upstreams`: their `http://host:port`), with the site for
 * several instances of docs/operator.md, TLS left out.
 */
export async function startNginxCluster({ upstreams, port }) {
  const site = fencedBlocks(await read('docs/operator.md'), 'nginx').find((block) => block.includes('upstream vereinsraum {'));
  if (!site) throw new Error('docs/operator.md has no nginx site for several instances');
  const [a, b] = upstreams.map((url) => new URL(url).host);
  return runNginx(
    substitute(
      site,
      [
        ['server 127.0.0.1:8081 ', `server ${a} `],
        ['server 127.0.0.1:8082 ', `server ${b} `],
      ],
      'the nginx site for several instances',
    ),
    port,
  );
}

/** Debian's nginx on `127.0.0.1:port` with `site` (listen and TLS lines replaced), in a folder of its own. */
async function runNginx(site, port) {
  const lines = site.split('\n');
  const server = lines
    .filter((line) => !/^\s*(listen|ssl_\w+)\s/.test(line))
    .map((line) => (/^\s*server_name\s/.test(line) ? `${line}\n    listen 127.0.0.1:${port};` : line))
    .join('\n');
  const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-nginx-'));
  const conf = `worker_processes 1;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${server}
}
`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  const child = spawn(
    nginxPath(),
    ['-p', dir, '-e', `${dir}/error.log`, '-c', join(dir, 'nginx.conf'), '-g', `daemon off; pid ${dir}/nginx.pid;`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let ended = false;
  void exited.then(() => (ended = true));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (ended) throw new Error(`nginx ended:\n${output}\n${await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')}`);
    try {
      await fetch(`${url}/cdn/integrity.json`);
      break;
    } catch {
      if (i > 100) throw new Error(`nginx does not answer on ${url}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    conf,
    accessLog: () => readFile(join(dir, 'access.log'), 'utf8'),
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
