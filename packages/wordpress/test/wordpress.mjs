// Harness for the tests with a real WordPress: Debian's packages (`wordpress`,
// `mariadb-server`, `php-fpm`, `php-mysql`, and nginx), each started for the
// test on loopback with everything in one temporary folder, and stopped after.
// WordPress is copied from /usr/share/wordpress into that folder with a
// wp-config.php of its own, installed through its own PHP functions
// (wp-php.php), as a single site or as a network with a sub-site. WordPress
// 6.5 (script modules), which Debian 12 lacks, comes from the npm registry
// (newerWordPress()).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, nginxPath } from '../../../test/e2e/city-server.mjs';

const here = fileURLToPath(new URL('./', import.meta.url));
/** The plugin's zip, as `npm run build` makes it. */
export const PLUGIN_ZIP = fileURLToPath(new URL('../dist/vereinsraum.zip', import.meta.url));
const ROOT = process.getuid?.() === 0;

/** The first of `paths` that exists, else an error that says what to install. */
function program(paths, what) {
  const found = paths.find((path) => existsSync(path));
  if (!found)
    throw new Error(
      `${what} not found (looked at ${paths.join(', ')}). Install Debian's packages: apt-get install wordpress mariadb-server php-fpm php-mysql nginx (.ci/run does).`,
    );
  return found;
}

/** Debian's WordPress (or the one in `wordpress`), MariaDB and PHP-FPM; WORDPRESS_PATH overrides Debian's WordPress folder. */
export function wordpressPrograms(wordpress = process.env.WORDPRESS_PATH ?? '/usr/share/wordpress') {
  const fpm = readdirSync('/usr/sbin')
    .filter((name) => /^php-fpm[\d.]*$/.test(name))
    .sort()
    .reverse()[0];
  return {
    wordpress: program([join(wordpress, 'wp-settings.php')], 'WordPress').replace(/\/wp-settings\.php$/, ''),
    installDb: program(['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'], 'mariadb-install-db'),
    mariadbd: program(['/usr/sbin/mariadbd', '/usr/sbin/mysqld'], 'mariadbd'),
    mariadb: program(['/usr/bin/mariadb', '/usr/bin/mysql'], 'the mariadb client'),
    fpm: program(fpm ? [`/usr/sbin/${fpm}`] : [], 'php-fpm'),
    nginx: nginxPath(),
  };
}

/** Wait until `check()` resolves true, or fail after `ms` with `what` and the process's output. */
async function waitFor(check, what, ms = 30000) {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`${what} did not start in ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const reachable = (options) =>
  new Promise((resolve) => {
    const socket = connect(options, () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

/** The servers still running: stopped when the test process ends without closing them (a failed or cancelled test). */
const running = new Set();
process.once('exit', () => {
  for (const server of running) server.kill('SIGTERM');
});

/** A child process that is awaited and killed on close; its output is kept for errors. */
function child(command, args, name) {
  const server = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(server);
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  let ended = false;
  const exited = new Promise((resolve) =>
    server.once('exit', (code) => {
      ended = true;
      running.delete(server);
      resolve(code);
    }),
  );
  return {
    output: () => output,
    alive: () => !ended,
    async close() {
      if (!ended) server.kill('SIGTERM');
      await exited;
    },
    name,
  };
}

/** The nginx site of WordPress on `port` (a network's sub-sites in sub-folders), PHP through FastCGI. */
function nginxConf({ dir, docroot, port, fpmPort }) {
  return `${ROOT ? 'user root root;\n' : ''}worker_processes 1;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/nginx-access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types {
    text/html html;
    text/css css;
    text/javascript js;
    application/json json;
    image/svg+xml svg;
    image/png png;
    image/jpeg jpg;
    image/gif gif;
    font/woff2 woff2;
    font/woff woff;
    font/ttf ttf;
  }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${docroot};
    index index.php;
    client_max_body_size 16m;
    if (!-e $request_filename) {
      rewrite /wp-admin$ $scheme://$http_host$uri/ permanent;
      rewrite ^(/[^/]+)?(/wp-.*) $2 last;
      rewrite ^(/[^/]+)?(/.*\\.php) $2 last;
    }
    location / {
      try_files $uri $uri/ /index.php?$args;
    }
    location ~ \\.php$ {
      try_files $uri =404;
      fastcgi_pass 127.0.0.1:${fpmPort};
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_param QUERY_STRING $query_string;
      fastcgi_param REQUEST_METHOD $request_method;
      fastcgi_param CONTENT_TYPE $content_type;
      fastcgi_param CONTENT_LENGTH $content_length;
      fastcgi_param SCRIPT_NAME $fastcgi_script_name;
      fastcgi_param REQUEST_URI $request_uri;
      fastcgi_param DOCUMENT_URI $document_uri;
      fastcgi_param DOCUMENT_ROOT $document_root;
      fastcgi_param SERVER_PROTOCOL $server_protocol;
      fastcgi_param GATEWAY_INTERFACE CGI/1.1;
      fastcgi_param REMOTE_ADDR $remote_addr;
      fastcgi_param REMOTE_PORT $remote_port;
      fastcgi_param SERVER_ADDR $server_addr;
      fastcgi_param SERVER_PORT $server_port;
      fastcgi_param SERVER_NAME $host;
      fastcgi_read_timeout 120s;
    }
  }
}
`;
}

/** wp-config.php of the test: the database on its socket, debug log on, no request to the internet, no cron. */
function wpConfig({ dir, socket, network }) {
  const salts = [
    'AUTH_KEY',
    'SECURE_AUTH_KEY',
    'LOGGED_IN_KEY',
    'NONCE_KEY',
    'AUTH_SALT',
    'SECURE_AUTH_SALT',
    'LOGGED_IN_SALT',
    'NONCE_SALT',
  ];
  return `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:${socket}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
${salts.map((name) => `define( '${name}', '${randomBytes(32).toString('hex')}' );`).join('\n')}
$table_prefix = 'wp_';
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '${dir}/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost' );
define( 'FS_METHOD', 'direct' );
define( 'WP_ALLOW_MULTISITE', ${network ? 'true' : 'false'} );
${
  network
    ? `define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', false );
define( 'DOMAIN_CURRENT_SITE', '${network.domain}' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );`
    : ''
}
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;
}

/**
 * A running WordPress on `http://localhost:PORT`: a single site, or (with
 * `multisite`) a network whose sub-site is at `/club/`. `locale` is the
 * site's language (Debian's wordpress-l10n has the core translations);
 * `wordpress` another WordPress folder than Debian's (newerWordPress()).
 * Answers the site's `origin`, `php(code, site)` to run code inside it,
 * `rest(…)`, the `debugLog()` and `close()`.
 */
export async function startWordPress({ multisite = false, locale = '', title = 'TSV Musterstadt 1890 e. V.', wordpress } = {}) {
  const programs = wordpressPrograms(wordpress);
  const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-wp-'));
  const open = [];
  const close = async () => {
    for (const item of open.reverse()) await item.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // MariaDB: its own data folder, a socket, no network.
    const socket = join(dir, 'mysqld.sock');
    const asRoot = ROOT ? ['--user=root'] : [];
    const init = spawnSync(
      programs.installDb,
      ['--no-defaults', `--datadir=${dir}/db`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`mariadb-install-db failed:\n${init.stdout}\n${init.stderr}`);
    const db = child(
      programs.mariadbd,
      [
        '--no-defaults',
        `--datadir=${dir}/db`,
        `--socket=${socket}`,
        '--skip-networking',
        `--pid-file=${dir}/mariadb.pid`,
        '--innodb-buffer-pool-size=64M',
        '--skip-log-bin',
        // A test's database: nothing to keep after a crash, so no waiting for the disk.
        '--innodb-flush-log-at-trx-commit=0',
        '--innodb-doublewrite=0',
        '--innodb-flush-method=nosync',
        ...asRoot,
      ],
      'MariaDB',
    );
    open.push(db);
    await waitFor(async () => db.alive() && (await reachable({ path: socket })), 'MariaDB');
    const create = spawnSync(
      programs.mariadb,
      ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE wordpress CHARACTER SET utf8mb4'],
      { encoding: 'utf8' },
    );
    if (create.status !== 0) throw new Error(`CREATE DATABASE failed: ${create.stderr}`);

    // WordPress: Debian's files, this test's configuration.
    const docroot = join(dir, 'wordpress');
    cpSync(programs.wordpress, docroot, {
      recursive: true,
      dereference: true,
      // Of the core translations, only the site's language's.
      filter: (path) =>
        !/\/wp-content\/languages\/[^/]+\.\w+$/.test(path) || (locale !== '' && new RegExp(`/([a-z-]+-)?${locale}\\.mo$`).test(path)),
    });
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const php = async (code, site = '/') => {
      const run = spawn('php', [join(here, 'wp-php.php'), docroot, `${origin}${site}`], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, ...(php.installing ? { WP_TEST_INSTALLING: '1' } : {}) },
      });
      let out = '';
      run.stdout.on('data', (chunk) => (out += chunk));
      run.stderr.on('data', (chunk) => (out += chunk));
      run.stdin.end(code);
      const status = await new Promise((resolve) => run.once('exit', resolve));
      const at = out.lastIndexOf('\n@@RESULT@@\n');
      if (status !== 0 || at < 0) {
        const log = (await readFile(join(dir, 'debug.log'), 'utf8').catch(() => ''))
          .split('\n')
          .filter((line) => line && !line.includes('PHP Deprecated'));
        throw new Error(
          `PHP inside WordPress failed (exit ${status}):\n${code}\n--- output\n${out.slice(-3000)}\n--- debug.log\n${log.slice(-10).join('\n')}`,
        );
      }
      return JSON.parse(out.slice(at + 12));
    };

    await writeFile(join(docroot, 'wp-config.php'), wpConfig({ dir, socket, network: false }));
    php.installing = true;
    await php(`require_once ABSPATH . 'wp-admin/includes/upgrade.php';
      $installed = wp_install( ${JSON.stringify(multisite ? 'Vereine in Musterstadt' : title)}, 'admin', 'admin@tsv-musterstadt.test', true, '', ${JSON.stringify(randomBytes(12).toString('hex'))}, ${JSON.stringify(locale)} );
      return $installed['user_id'];`);
    php.installing = false;
    await php(`update_option( 'permalink_structure', '/%postname%/' );
      update_option( 'show_avatars', 0 );
      return true;`);
    if (multisite) {
      const domain = `localhost:${port}`;
      await writeFile(
        join(docroot, 'wp-config.php'),
        wpConfig({ dir, socket, network: false }).replace("'WP_ALLOW_MULTISITE', false", "'WP_ALLOW_MULTISITE', true"),
      );
      const made = await php(`require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        global $wpdb;
        foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) {
          $wpdb->$table = $prefixed;
        }
        install_network();
        $made = populate_network( 1, ${JSON.stringify(domain)}, 'admin@tsv-musterstadt.test', 'Vereine in Musterstadt', '/', false );
        return is_wp_error( $made ) ? $made->get_error_message() : true;`);
      if (made !== true) throw new Error(`populate_network: ${made}`);
      await writeFile(join(docroot, 'wp-config.php'), wpConfig({ dir, socket, network: { domain } }));
      const site =
        await php(`$id = wp_insert_site( array( 'domain' => ${JSON.stringify(domain)}, 'path' => '/club/', 'title' => ${JSON.stringify(title)}, 'user_id' => 1, 'options' => array( 'WPLANG' => ${JSON.stringify(locale)} ) ) );
        if ( is_wp_error( $id ) ) {
          return $id->get_error_message();
        }
        // wp_insert_site() drops the colon of the port from the domain; the network has it.
        global $wpdb;
        $wpdb->update( $wpdb->blogs, array( 'domain' => ${JSON.stringify(domain)} ), array( 'blog_id' => $id ) );
        clean_blog_cache( $id );
        switch_to_blog( $id );
        update_option( 'home', ${JSON.stringify(`${origin}/club`)} );
        update_option( 'siteurl', ${JSON.stringify(`${origin}/club`)} );
        restore_current_blog();
        return $id;`);
      if (typeof site !== 'number') throw new Error(`wp_insert_site: ${site}`);
      await php(
        `update_option( 'permalink_structure', '/%postname%/' );
        update_option( 'show_avatars', 0 );
        return true;`,
        '/club/',
      );
    }

    // PHP-FPM and nginx on loopback.
    const fpmPort = await freePort();
    await writeFile(
      join(dir, 'php-fpm.conf'),
      `[global]
pid = ${dir}/php-fpm.pid
error_log = ${dir}/php-fpm.log
daemonize = no
[wordpress]
${ROOT ? 'user = root\ngroup = root\n' : ''}listen = 127.0.0.1:${fpmPort}
pm = static
pm.max_children = 4
catch_workers_output = yes
php_admin_value[error_log] = ${dir}/php-error.log
php_admin_flag[log_errors] = on
php_admin_value[memory_limit] = 256M
`,
    );
    const fpm = child(
      programs.fpm,
      ['--nodaemonize', '--fpm-config', join(dir, 'php-fpm.conf'), ...(ROOT ? ['--allow-to-run-as-root'] : [])],
      'PHP-FPM',
    );
    open.push(fpm);
    await waitFor(async () => fpm.alive() && (await reachable({ host: '127.0.0.1', port: fpmPort })), `PHP-FPM (${fpm.output()})`);
    await writeFile(join(dir, 'nginx.conf'), nginxConf({ dir, docroot, port, fpmPort }));
    const nginx = child(
      programs.nginx,
      ['-p', dir, '-e', `${dir}/nginx-error.log`, '-c', join(dir, 'nginx.conf'), '-g', `daemon off; pid ${dir}/nginx.pid;`],
      'nginx',
    );
    open.push(nginx);
    await waitFor(async () => nginx.alive() && (await reachable({ host: '127.0.0.1', port })), 'nginx');

    return {
      origin,
      dir,
      docroot,
      php,
      /** A REST API request as `user` (`{ login, password }`: an application password), as the block editor sends it. */
      async rest(user, method, path, body, site = '/') {
        const response = await fetch(`${origin}${site}wp-json${path}`, {
          method,
          headers: {
            authorization: `Basic ${Buffer.from(`${user.login}:${user.password}`).toString('base64')}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          throw new Error(`${method} ${path} as ${user.login}: ${response.status}, not JSON:\n${text.slice(0, 2000)}`);
        }
        if (!response.ok) throw new Error(`${method} ${path} as ${user.login}: ${response.status} ${JSON.stringify(json)}`);
        return json;
      },
      /** What PHP logged (WP_DEBUG_LOG and PHP-FPM's error log). */
      async debugLog() {
        const read = (name) => readFile(join(dir, name), 'utf8').catch(() => '');
        return `${await read('debug.log')}${await read('php-error.log')}`;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A user of `role` with an application password (for the REST API) and a
 * password (for the login form), on the site at `site`; `superAdmin` makes a
 * network's Super Admin.
 */
export async function addUser(wp, { login, role, site = '/', superAdmin = false }) {
  const password = randomBytes(12).toString('hex');
  const result = await wp.php(
    `$id = wp_insert_user( array( 'user_login' => ${JSON.stringify(login)}, 'user_pass' => ${JSON.stringify(password)}, 'user_email' => ${JSON.stringify(`${login}@tsv-musterstadt.test`)}, 'role' => ${JSON.stringify(role)} ) );
    if ( is_wp_error( $id ) ) {
      return $id->get_error_message();
    }
    ${superAdmin ? 'grant_super_admin( $id );' : ''}
    update_user_option( $id, 'persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), '_modified' => gmdate( 'c' ) ) );
    list( $application ) = WP_Application_Passwords::create_new_application_password( $id, array( 'name' => 'test' ) );
    return array( 'id' => $id, 'application' => $application );`,
    site,
  );
  if (typeof result === 'string') throw new Error(`adding ${login}: ${result}`);
  return { login, role, id: result.id, password: result.application, loginPassword: password };
}

/**
 * WordPress 6.5, the first with script modules (wp_enqueue_script_module),
 * which Debian 12 does not ship: from the npm registry, WordPress Playground's
 * build of it (its PHP files in a zip, the static files beside it), checked
 * against the package's pinned integrity and kept in node_modules/.cache.
 * Answers the folder.
 */
export async function newerWordPress() {
  const { version, spec, integrity } = NEWER_WORDPRESS;
  const dir = fileURLToPath(new URL(`../../../node_modules/.cache/vereinsraum-wordpress/${version}/`, import.meta.url));
  if (existsSync(join(dir, 'wp-settings.php'))) return dir;
  const work = await mkdtemp(join(tmpdir(), 'vereinsraum-wp-newer-'));
  let staging;
  const run = (command, args) => {
    const result = spawnSync(command, args, { encoding: 'utf8', cwd: work, maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0)
      throw new Error(`WordPress ${version}: ${command} ${args.join(' ')} failed:\n${result.stderr || result.error}`);
    return result.stdout;
  };
  try {
    run('npm', ['pack', '--silent', '--pack-destination', work, spec]);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    const got = `sha512-${createHash('sha512')
      .update(await readFile(join(work, tarball)))
      .digest('base64')}`;
    if (got !== integrity) throw new Error(`WordPress ${version}: ${spec} has the integrity ${got}, not ${integrity}`);
    const minor = version.split('.').slice(0, 2).join('.');
    run('tar', ['xzf', tarball, `package/src/wordpress/wp-${minor}.zip`, `package/public/wp-${minor}`]);
    // Unpacked beside its place, then renamed: a half-unpacked copy is never taken for a whole one.
    await mkdir(dirname(dir), { recursive: true });
    staging = await mkdtemp(join(dirname(dir), `.${version}-`));
    run('python3', ['-m', 'zipfile', '-e', `package/src/wordpress/wp-${minor}.zip`, staging]);
    cpSync(join(work, `package/public/wp-${minor}`), staging, { recursive: true });
    const found = /\$wp_version = '([^']+)'/.exec(await readFile(join(staging, 'wp-includes/version.php'), 'utf8'))?.[1];
    if (found !== version) throw new Error(`WordPress ${version}: the package holds ${found}`);
    await rename(staging, dir);
    staging = undefined;
    return dir;
  } finally {
    await rm(work, { recursive: true, force: true });
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}

/** Where newerWordPress() gets it. */
const NEWER_WORDPRESS = {
  version: '6.5.5',
  spec: '@wp-playground/wordpress-builds@0.9.19',
  integrity: 'sha512-dlqvh/MJDpE5W68vgPPKUjpip6zMuBh59L3D18ZX+pdwurC4q4ydrTww/3sTMV69BBcoH6kF93YtAtujNC5Mpw==',
};
