import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

// zod's own messages (wrong type, missing field) reach people in the 400 answers: in Chinese.
z.config(z.locales.zhCN());

export interface Issue {
  path: string;
  message: string;
}

/** A request that does not fit its schema; answered as 400 invalid_request (contracts.md). */
export class RequestValidationError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
}

/** A rule of the 办法 or of the process that the request breaks; answered with its own status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? body.error));
  }
}

/** Turns zod issues into contract issues with a dotted path from the body root. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Parses data with schema or throws RequestValidationError; the parsed value is what handlers use. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new RequestValidationError(toIssues(result.error));
  return result.data;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a request carries a body (declared length above 0, or chunked). */
function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

const unsupportedMediaType = (contentType: string | undefined, detail = '') => ({
  error: 'unsupported_media_type',
  contentType: contentType ?? null,
  message: `不支持的请求体类型“${contentType ?? '（未声明 Content-Type）'}”${detail}：请以 application/json（UTF-8）发送`,
});

/**
 * Refuses a request body that is not JSON with 415 naming the content type it came with; without
 * this, a form or text body would reach the schema as "no body" and get a misleading answer.
 */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(req.method) || !hasBody(req) || req.is(['application/json', 'application/*+json'])) {
    next();
    return;
  }
  res.status(415).json(unsupportedMediaType(req.get('content-type')));
}

/** Express error middleware: contract error shapes, never a stack trace to the caller. */
export function errorHandler(onUnexpected: (err: unknown) => void) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    if (err instanceof RequestValidationError) {
      res.status(400).json({ error: 'invalid_request', issues: err.issues });
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).json(err.body);
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json({
        error: 'invalid_request',
        issues: [{ path: '', message: `请求体不是合法的 JSON：${e.message ?? ''}` }],
      });
      return;
    }
    if (e?.type === 'entity.too.large') {
      const limit = (err as { limit?: number }).limit;
      res.status(413).json({
        error: 'payload_too_large',
        limit: limit ?? null,
        message: `请求体过大${limit ? `：不能超过 ${limit} 字节` : ''}`,
      });
      return;
    }
    if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
      res.status(415).json(unsupportedMediaType(req.get('content-type'), `（${e.message ?? ''}）`));
      return;
    }
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: 'bad_request', message: e.message ?? '请求无效' });
      return;
    }
    onUnexpected(err);
    res.status(500).json({ error: 'internal_error', message: '服务器内部错误，请稍后重试' });
  };
}

/**
 * Text no store can keep: NUL (PostgreSQL refuses it in text and jsonb), a high surrogate not followed
 * by a low one, or a low one not preceded by a high one.
 */
// Issue 16 (6): NUL and the other control characters (tab, line feed and carriage return stay: texts
// have lines) are refused too: they cannot be stored (NUL) or shown, and hide text in logs and lists.
const LONE_SURROGATE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

interface Visit {
  value: unknown;
  key?: string;
  parent?: Visit;
}

const pathOf = (visit: Visit, key?: string): string => {
  const parts = key === undefined ? [] : [key];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) parts.unshift(v.key);
  return parts.join('.') || '(根)';
};

/**
 * The dotted path of the first key or string value with a lone UTF-16 surrogate, if any. Iterative,
 * so a body nested thousands of levels deep cannot exhaust the stack.
 */
export function malformedTextPath(body: unknown): string | undefined {
  const stack: Visit[] = [{ value: body }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === 'string') {
      if (!wellFormed(value)) return pathOf(visit);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1)
        stack.push({ value: value[i], key: String(i), parent: visit });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key] of entries)
        if (!wellFormed(key)) return pathOf(visit, key.replace(LONE_SURROGATE, '\uFFFD'));
      for (let i = entries.length - 1; i >= 0; i -= 1)
        stack.push({ value: entries[i]![1], key: entries[i]![0], parent: visit });
    }
  }
  return undefined;
}

export const MALFORMED_TEXT_MESSAGE =
  '文本包含无法保存的字符（NUL 等控制字符或无效的 Unicode 代理项），请检查内容和编码';

/** Throws a 400 naming the field when any text in value has a control character or a lone surrogate. */
export function assertWellFormedText(value: unknown, prefix = ''): void {
  const path = malformedTextPath(value);
  if (path)
    throw new RequestValidationError([
      {
        path: prefix && path === '(根)' ? prefix : `${prefix}${prefix ? '.' : ''}${path}`,
        message: MALFORMED_TEXT_MESSAGE,
      },
    ]);
}

/**
 * A file name as people gave it, reduced to its last part: directories (`../`, `C:\\`) are stripped;
 * control characters, or nothing left, are a 400 naming the field.
 */
export function safeFileName(name: string, path: string): string {
  assertWellFormedText(name, path);
  const base = name.split(/[\\/]/).pop()!.trim();
  if (!base || base === '.' || base === '..')
    throw new RequestValidationError([{ path, message: '文件名无效（不能为空，也不能只是路径）' }]);
  return base;
}

/**
 * Refuses a JSON body with text that is not valid Unicode (a lone surrogate such as "\ud800"): it
 * cannot be stored (PostgreSQL refuses it in jsonb, text would silently change), so it is a 400
 * naming the field rather than a fault or a quietly altered record.
 */
export function rejectMalformedText(req: Request, res: Response, next: NextFunction): void {
  const path = malformedTextPath(req.body);
  if (!path) {
    next();
    return;
  }
  res.status(400).json({
    error: 'invalid_request',
    issues: [{ path, message: MALFORMED_TEXT_MESSAGE }],
  });
}
