import { MAX_BODY_BYTES } from '@vereinsraum/protocol';
import { HttpError } from './errors.js';
import { readBody, textResponse } from './plain-request.js';

/** A JSON response; `no-store` unless the caller says otherwise. */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const text = JSON.stringify(body);
  return textResponse(text, {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...init.headers },
  });
}

/**
 * Read a JSON object from a request body, refusing anything over
 * {@link MAX_BODY_BYTES} before reading it all, a content type other than
 * JSON, and malformed or non-object JSON.
 */
export async function readJsonObject(request: Request, limit = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) throw tooLarge(limit);

  const chunks: Uint8Array[] = [];
  let size = 0;
  const whole = readBody(request);
  if (whole) {
    // Read already, whole, by the adapter (within MAX_BODY_BYTES): no stream.
    size = whole.byteLength;
    if (size > limit) throw tooLarge(limit);
    chunks.push(whole);
  } else if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read().catch(() => {
        throw new HttpError(400, 'invalid_json', 'The body could not be read to its end.');
      });
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid UTF-8 JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'invalid_json', 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body_too_large', `The body is larger than ${limit} bytes.`);
}

/**
 * Compare two secrets without leaking where they differ or how long they
 * are: both are hashed to 32 bytes first, then every byte is compared.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [x, y] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ]);
  const left = new Uint8Array(x);
  const right = new Uint8Array(y);
  let diff = 0;
  for (let i = 0; i < left.length; i++) diff |= left[i]! ^ right[i]!;
  return diff === 0;
}
