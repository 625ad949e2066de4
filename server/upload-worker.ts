// Issue 16 (2): a large JSON upload (objections carry up to five 5 MB files in base64) is parsed,
// checked and hashed in a worker thread, so the request loop (and /healthz) never waits for it.
// The worker's code is plain JavaScript evaluated from this string: it runs the same under tsx, the
// compiled build and jest, with no loader of its own.
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** Upload workers at once: the request loop keeps a core of its own. */
const MAX_WORKERS = Math.max(1, Math.min(4, os.availableParallelism() - 1));
let running = 0;
const waiting: (() => void)[] = [];
async function slot(): Promise<() => void> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  return () => {
    running -= 1;
    waiting.shift()?.();
  };
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const BAD = /[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]/;
const BASE64 = /^[A-Za-z0-9+/\\r\\n]*={0,2}\\s*$/;
function fail(path, message) { parentPort.postMessage({ error: { path, message } }); }
function firstBad(value, path) {
  if (typeof value === 'string') return BAD.test(value) ? path : undefined;
  if (Array.isArray(value)) { for (let i = 0; i < value.length; i++) { const p = firstBad(value[i], path ? path + '.' + i : String(i)); if (p) return p; } return undefined; }
  if (value && typeof value === 'object') { for (const [k, v] of Object.entries(value)) { if (BAD.test(k)) return path || '(根)'; const p = firstBad(v, path ? path + '.' + k : k); if (p) return p; } }
  return undefined;
}
let body;
try { body = JSON.parse(Buffer.from(workerData.body).toString('utf8')); }
catch (e) { fail('', '请求体不是合法的 JSON：' + e.message); return; }
if (!body || typeof body !== 'object' || Array.isArray(body)) { parentPort.postMessage({ fields: body, files: [] }); return; }
const evidence = Array.isArray(body.evidence) ? body.evidence : undefined;
const files = [];
const transfer = [];
const rest = { ...body };
if (evidence) {
  rest.evidence = evidence.map((e, i) => {
    if (!e || typeof e !== 'object' || typeof e.content !== 'string') return e;
    if (!BASE64.test(e.content)) return { ...e, content: '!' };
    const content = Buffer.from(e.content, 'base64');
    const copy = new Uint8Array(content.length); copy.set(content);
    files[i] = { content: copy.buffer, sha256: createHash('sha256').update(content).digest('hex') };
    transfer.push(copy.buffer);
    return { ...e, content: '' };
  });
}
const bad = firstBad(rest, '');
if (bad) { fail(bad, 'MALFORMED'); return; }
parentPort.postMessage({ fields: rest, files }, transfer);
`;

export interface ParsedUpload {
  /** The body with each evidence file's base64 content replaced by '' (or '!' when it is not base64). */
  fields: unknown;
  /** By evidence index: the decoded bytes and their SHA-256. */
  files: ({ content: Buffer; sha256: string } | undefined)[];
}

export class UploadError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a JSON upload off the request loop; rejects with UploadError for malformed input. The body's
 * memory may be handed to the worker: the caller must not read `body` afterwards.
 */
export async function parseJsonUpload(body: Buffer, timeoutMs = 20_000): Promise<ParsedUpload> {
  const release = await slot();
  try {
    return await runWorker(body, timeoutMs);
  } finally {
    release();
  }
}

function runWorker(body: Buffer, timeoutMs: number): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    // The body read by express.raw owns its memory (Buffer.concat of a large body allocates it alone):
    // hand it over without copying 35 MB on the request loop; copy only a pooled or shared slice.
    const owned =
      body.byteOffset === 0 &&
      body.byteLength === body.buffer.byteLength &&
      body.buffer instanceof ArrayBuffer;
    let transferred: ArrayBuffer;
    if (owned) transferred = body.buffer as ArrayBuffer;
    else {
      const copy = new Uint8Array(body.length);
      copy.set(body);
      transferred = copy.buffer;
    }
    const worker = new Worker(`(() => {${WORKER_SOURCE}})()`, {
      eval: true,
      workerData: { body: transferred },
      transferList: [transferred],
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`上传内容在 ${timeoutMs / 1000} 秒内未处理完`));
    }, timeoutMs);
    worker.once(
      'message',
      (msg: {
        error?: { path: string; message: string };
        fields?: unknown;
        files?: ({ content: ArrayBuffer; sha256: string } | null)[];
      }) => {
        clearTimeout(timer);
        void worker.terminate();
        if (msg.error) {
          reject(new UploadError(msg.error.path, msg.error.message));
          return;
        }
        resolve({
          fields: msg.fields,
          files: (msg.files ?? []).map((f) =>
            f ? { content: Buffer.from(f.content), sha256: f.sha256 } : undefined,
          ),
        });
      },
    );
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
