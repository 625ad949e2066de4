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
