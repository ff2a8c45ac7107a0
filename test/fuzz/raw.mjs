// Raw HTTP/1.1 over a socket, for requests that fetch cannot send (bad
// methods, targets, Host headers, framing). One request per connection.
import { connect } from 'node:net';

/**
 * @typedef {object} RawAnswer
 * @property {number | undefined} status the status code, or undefined when the server closed without an answer
 * @property {string} statusLine
 * @property {Record<string, string>} headers lower-case names; repeated headers joined with ", "
 * @property {string} body the decoded body (chunked framing removed), as UTF-8
 */

/**
 * Send `bytes` to `port` on 127.0.0.1 (or `host`) and read the answer until
 * the server closes the connection, the answer is complete, or `timeoutMs`
 * passes (then whatever arrived counts).
 * @param {number} port
 * @param {string | Buffer} bytes
 * @param {{ host?: string, timeoutMs?: number }} [options]
 * @returns {Promise<RawAnswer>}
 */
export function sendRaw(port, bytes, { host = '127.0.0.1', timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks)));
    };
    const socket = connect(port, host, () => socket.write(bytes));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (complete(Buffer.concat(chunks))) finish();
    });
    socket.on('close', finish);
    // A reset by the server (Node's parser refusing a request) is an answer too: what arrived counts.
    socket.on('error', finish);
    const timer = setTimeout(finish, timeoutMs);
  });
}

/** The answer without interim `1xx` heads (`100 Continue`) before it. */
function finalAnswer(buffer) {
  let rest = buffer;
  while (/^HTTP\/1\.[01] 1(?!01)\d\d /.test(rest.subarray(0, 16).toString('latin1'))) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    rest = rest.subarray(end + 4);
  }
  return rest;
}

/** Whether `buffer` holds one whole answer (so keep-alive connections need not wait for the timeout). */
function complete(whole) {
  const buffer = finalAnswer(whole);
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = buffer.subarray(0, end).toString('latin1');
  // An event stream never ends: its head is the answer.
  if (/^content-type:\s*text\/event-stream/im.test(head)) return true;
  const length = /^content-length:\s*(\d+)\s*$/im.exec(head);
  if (length) return buffer.length - end - 4 >= Number(length[1]);
  if (/^transfer-encoding:\s*chunked\s*$/im.test(head))
    return buffer.subarray(end + 4).includes('\r\n0\r\n\r\n') || buffer.subarray(end + 4).indexOf('0\r\n\r\n') === 0;
  // No framing: a 204 or 304 (or a 101) ends at the head; anything else ends when the connection closes.
  return /^HTTP\/1\.[01] (101|204|304) /.test(head);
}

/**
 * Split an answer into status, headers and body.
 * @param {Buffer} whole
 * @returns {RawAnswer}
 */
export function parseAnswer(whole) {
  const buffer = finalAnswer(whole);
  const end = buffer.indexOf('\r\n\r\n');
  const head = (end < 0 ? buffer : buffer.subarray(0, end)).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  /** @type {Record<string, string>} */
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  let body = end < 0 ? Buffer.alloc(0) : buffer.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status: match ? Number(match[1]) : undefined, statusLine, headers, body: body.toString('utf8') };
}

/** @param {Buffer} buffer */
function dechunk(buffer) {
  const parts = [];
  let offset = 0;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(buffer.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * A request as bytes. `headers` in order; `body` is sent as it is (give
 * `Content-Length` yourself, or leave it to `contentLength: true`).
 * @param {{ method?: string, target?: string, version?: string, headers?: Array<[string, string]>, body?: string | Buffer, contentLength?: boolean }} spec
 */
export function rawRequest({ method = 'GET', target = '/', version = 'HTTP/1.1', headers = [], body, contentLength = body !== undefined }) {
  const all = [...headers];
  if (contentLength && body !== undefined) all.push(['Content-Length', String(Buffer.byteLength(body))]);
  const head = `${method} ${target} ${version}\r\n${all.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return body === undefined
    ? Buffer.from(head, 'latin1')
    : Buffer.concat([Buffer.from(head, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}
