import { randomUUID } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import { EngineRestError, type EngineRest } from '../../camunda/rest.js';
import { parseAwardList } from '../../domain/awards.js';
import { shanghaiDate } from '../../domain/edition.js';
import {
  canonicalEvidenceType,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
  awardNamed,
  ObjectionFields,
  periodClosedMessage,
  publicityState,
  sniffEvidenceType,
} from '../../domain/objections.js';
import { recordAudit } from '../../store/audit.js';
import type { Db } from '../../store/index.js';
import { evidenceContent, insertObjection, objectionsOf, type EvidenceFile } from '../../store/objections.js';
import { requireGroups, type EngineAuth } from '../auth.js';
import { parseJsonUpload, UploadError } from '../upload-worker.js';
import {
  assertWellFormedText,
  HttpError,
  MALFORMED_TEXT_MESSAGE,
  parseRequest,
  RequestValidationError,
  safeFileName,
} from '../validation.js';

/** The message the cycle's 公示 phase catches, one per objection (names shared with award-cycle.bpmn). */
export const OBJECTION_MESSAGE = 'objection-filed';
/** Largest JSON body of POST /objections: five 5 MB files in base64 plus the text fields. */
export const OBJECTION_JSON_LIMIT = 36 * 1024 * 1024;

export interface ObjectionsDeps {
  db: Db;
  /** The engine as the server's service account; without it filing answers 503. */
  engine?: EngineRest;
  auth: EngineAuth;
  /** The clock (tests); Shanghai dates are taken from it. */
  now?: () => Date;
  /** The process definition key of the cycle (award-cycle; engine tests use a diagram of their own). */
  cycleProcessKey?: string;
}

const EvidenceJson = z.object({
  fileName: z
    .string({ error: '缺少文件名' })
    .trim()
    .min(1, '文件名不能为空')
    .max(200, '文件名不超过 200 个字符'),
  contentType: z.string({ error: '缺少文件类型' }).trim().min(1, '文件类型不能为空').max(100),
  content: z
    .string({ error: '缺少文件内容（base64）' })
    .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, '文件内容应为 base64 编码'),
});

const ObjectionJson = ObjectionFields.extend({
  evidence: z
    .array(EvidenceJson, { error: '证明材料应为列表' })
    .max(MAX_EVIDENCE_FILES, `证明材料最多 ${MAX_EVIDENCE_FILES} 个文件`)
    .default([]),
});

interface RawFile {
  path: string;
  fileName: string;
  declaredType: string;
  content: Buffer;
  /** Computed with the decoding, off the request loop (JSON uploads). */
  sha256?: string;
}

const tooLarge = (path: string) =>
  new HttpError(413, {
    error: 'payload_too_large',
    field: path,
    limit: MAX_EVIDENCE_BYTES,
    message: `${path}：证明材料每个文件不能超过 5 MB`,
  });

/** Each file: at most 5 MB, a declared pdf/jpeg/png type that its first bytes confirm (415 otherwise). */
function checkEvidence(files: RawFile[]): EvidenceFile[] {
  return files.map((f) => {
    if (f.content.length === 0)
      throw new RequestValidationError([{ path: f.path, message: '证明材料文件为空' }]);
    if (f.content.length > MAX_EVIDENCE_BYTES) throw tooLarge(f.path);
    const declared = canonicalEvidenceType(f.declaredType);
    const actual = sniffEvidenceType(f.content);
    if (!declared || !actual || declared !== actual)
      throw new HttpError(415, {
        error: 'unsupported_media_type',
        field: f.path,
        contentType: f.declaredType,
        message: `${f.path}（${f.fileName}）：证明材料只接受 PDF、JPEG、PNG 文件，且文件内容须与声明的类型一致${
          actual && declared !== actual ? `（声明 ${f.declaredType}，实际为 ${actual}）` : ''
        }`,
      });
    return { fileName: f.fileName, contentType: actual, content: f.content, sha256: f.sha256 };
  });
}

const upload = multer({
  storage: multer.memoryStorage(),
  // Browsers send Chinese file names as raw UTF-8 in the part header; read them as such.
  defParamCharset: 'utf8',
  limits: {
    fileSize: MAX_EVIDENCE_BYTES,
    files: MAX_EVIDENCE_FILES,
    fields: 20,
    fieldSize: 64 * 1024,
    parts: 30,
  },
}).array('evidence', MAX_EVIDENCE_FILES);

/** Multer's refusals as the API's answers, naming the field. */
function multerError(err: unknown): never {
  if (err instanceof multer.MulterError) {
    const field = err.field ?? 'evidence';
    if (err.code === 'LIMIT_FILE_SIZE') throw tooLarge(field);
    if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE')
      throw new RequestValidationError([
        {
          path: field,
          message:
            err.code === 'LIMIT_FILE_COUNT' || field === 'evidence'
              ? `证明材料最多 ${MAX_EVIDENCE_FILES} 个文件`
              : `不接受字段 ${field} 的文件：证明材料请用字段 evidence 上传`,
        },
      ]);
    throw new RequestValidationError([{ path: field, message: `表单数据无效：${err.message}` }]);
  }
  // busboy's own refusals (no boundary, a cut-off body): the caller's malformed request, not a fault.
  if (err instanceof Error)
    throw new RequestValidationError([
      { path: '', message: `multipart/form-data 请求体无效：${err.message}` },
    ]);
  throw err;
}

/** Reads the body, JSON or multipart, into the fields and the raw files. */
async function readObjection(req: Request, res: Response): Promise<{ fields: unknown; files: RawFile[] }> {
  if (req.is('multipart/form-data')) {
    await new Promise<void>((resolve, reject) =>
      upload(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
    ).catch(multerError);
    // Issue 16 (6): NUL and control characters in any field or file name are a 400 naming it.
    assertWellFormedText({ ...(req.body as object) });
    const files = ((req.files as Express.Multer.File[] | undefined) ?? []).map((f, i) => ({
      path: `evidence.${i}`,
      fileName: safeFileName(f.originalname, `evidence.${i}.fileName`),
      declaredType: f.mimetype,
      content: f.buffer,
    }));
    return { fields: { ...(req.body as object) }, files };
  }
  if (!req.is(['application/json', 'application/*+json']))
    throw new HttpError(415, {
      error: 'unsupported_media_type',
      contentType: req.get('content-type') ?? null,
      message: '异议请以 application/json（UTF-8）或 multipart/form-data 提交',
    });
  // Issue 16 (2): parsed, checked (NUL, control characters), decoded and hashed in a worker thread.
  const raw = Buffer.isBuffer(req.body) && req.body.length > 0 ? (req.body as Buffer) : undefined;
  const parsed = raw
    ? await parseJsonUpload(raw).catch((err: unknown) => {
        if (err instanceof UploadError)
          throw new RequestValidationError([
            { path: err.path, message: err.message === 'MALFORMED' ? MALFORMED_TEXT_MESSAGE : err.message },
          ]);
        throw err;
      })
    : { fields: undefined, files: [] };
  const body = parseRequest(ObjectionJson, parsed.fields);
  const files = body.evidence.map((e, i) => ({
    path: `evidence.${i}`,
    fileName: safeFileName(e.fileName, `evidence.${i}.fileName`),
    declaredType: e.contentType,
    content: parsed.files[i]?.content ?? Buffer.alloc(0),
    sha256: parsed.files[i]?.sha256,
  }));
  return { fields: body, files };
}

/** The running cycle with its publicity period and published list, or a 409 naming why not. */
async function publishedCycle(engine: EngineRest, processKey: string, cycle: string) {
  const [instance] = await engine.get(
    `/process-instance?processDefinitionKey=${encodeURIComponent(processKey)}&businessKey=${encodeURIComponent(cycle)}`,
  );
  if (!instance?.id)
    throw new HttpError(409, {
      error: 'objection_period_closed',
      message: `${cycle} 没有正在进行的评选，当前不在公示期内，不能受理异议（第十八条第（七）项）`,
    });
  const vars = await engine.get(`/process-instance/${instance.id}/variables?deserializeValues=false`);
  const text = (name: string) => {
    const v = vars[name]?.value;
    return typeof v === 'string' && v ? v : undefined;
  };
  const start = text('publicityStart');
  const end = text('publicityEnd');
  const parsed = parseAwardList(vars.awards?.value);
  if (!parsed.ok) throw new Error(`${cycle} 的获奖名单变量 awards 无法读取`);
  return { instanceId: instance.id, start, end, awards: parsed.awards };
}

/** SHA-256 of each file by WebCrypto, which hashes on libuv's thread pool: not on the request loop. */
async function hashed(files: EvidenceFile[]): Promise<EvidenceFile[]> {
  return Promise.all(
    files.map(async (f) => ({
      ...f,
      sha256:
        f.sha256 ??
        Buffer.from(await crypto.subtle.digest('SHA-256', f.content as Uint8Array<ArrayBuffer>)).toString(
          'hex',
        ),
    })),
  );
}

/** Uploads one client may have in flight at once (issue 16 (2)); more is a 429. */
export const OBJECTION_UPLOADS_PER_CLIENT = 2;

const clientIp = (req: Request) => (req.ip ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

/** Engine answers that are not the caller's fault, in people's words. */
function engineFailure(err: unknown): never {
  if (err instanceof HttpError || err instanceof RequestValidationError) throw err;
  if (err instanceof EngineRestError)
    throw new HttpError(err.status === 400 || err.status === 404 ? 409 : 502, {
      error: err.status === 400 || err.status === 404 ? 'objection_not_accepted' : 'engine_error',
      message:
        err.status === 400 || err.status === 404
          ? `评选流程当前不接受异议（${err.message}），异议未登记，请稍后重试或联系审定委员会办公室`
          : `流程引擎出错，异议未登记：${err.message}`,
    });
  throw new HttpError(503, {
    error: 'engine_unavailable',
    message: `流程引擎暂时无法连接，异议未登记，请稍后重试（${(err as Error).message}）`,
  });
}

const CycleQuery = z.object({
  cycle: z
    .string({ error: '缺少 cycle' })
    .trim()
    .regex(/^cycle-\d{4}$/, 'cycle 应为 cycle-<年份>'),
});

/**
 * POST /objections (Art. 18 (7)): anyone may object to the published list during the publicity
 * period, with up to five pdf/jpeg/png evidence files (JSON with base64, or multipart field
 * `evidence`). The objection is stored in the transaction that correlates `objection-filed` into the
 * cycle: when the engine refuses, nothing is written. GET /objections?cycle= and the evidence files are
 * for the office.
 */
export function objectionsRouter(deps: ObjectionsDeps): Router {
  const router = Router();
  const office = requireGroups(deps.auth, [OFFICE, PROCESS_ADMINS], '查看异议');
  const now = deps.now ?? (() => new Date());

  const inFlight = new Map<string, number>();
  router.post(
    '/objections',
    // Issue 16 (2): a client's uploads are bounded before any byte is read: at most
    // OBJECTION_UPLOADS_PER_CLIENT at once (and RATE_LIMIT_PER_MINUTE a minute, app.ts).
    (req: Request, res: Response, next: NextFunction) => {
      const ip = clientIp(req);
      const n = inFlight.get(ip) ?? 0;
      if (n >= OBJECTION_UPLOADS_PER_CLIENT) {
        res.status(429).json({
          error: 'too_many_requests',
          message: `同一客户端最多同时提交 ${OBJECTION_UPLOADS_PER_CLIENT} 份异议，请等上一份完成后再试`,
        });
        return;
      }
      inFlight.set(ip, n + 1);
      let done = false;
      const release = () => {
        if (done) return;
        done = true;
        const left = (inFlight.get(ip) ?? 1) - 1;
        if (left > 0) inFlight.set(ip, left);
        else inFlight.delete(ip);
      };
      res.once('finish', release);
      res.once('close', release);
      next();
    },
    // Larger than the /api default: evidence travels in base64 (app.ts leaves this path to us).
    // Read as bytes: parsing happens in a worker thread (readObjection).
    express.raw({ limit: OBJECTION_JSON_LIMIT, type: ['application/json', 'application/*+json'] }),
    async (req: Request, res: Response) => {
      const { fields: rawFields, files } = await readObjection(req, res);
      const fields = parseRequest(ObjectionFields, rawFields);
      const evidence = await hashed(checkEvidence(files));
      const engine = deps.engine;
      if (!engine)
        throw new HttpError(503, {
          error: 'engine_unavailable',
          message: '服务未连接流程引擎，暂不能受理异议，请稍后重试',
        });
      const cycle = await publishedCycle(engine, deps.cycleProcessKey ?? 'award-cycle', fields.cycle).catch(
        engineFailure,
      );
      const today = shanghaiDate(now());
      const state =
        cycle.start && cycle.end ? publicityState(today, cycle.start, cycle.end) : ('before' as const);
      if (state !== 'open')
        throw new HttpError(409, {
          error: 'objection_period_closed',
          publicityStart: cycle.start ?? null,
          publicityEnd: cycle.end ?? null,
          message:
            cycle.start && cycle.end
              ? periodClosedMessage(state, cycle.start, cycle.end)
              : `${fields.cycle} 的拟获奖名单尚未公示，不能受理异议（第十八条第（七）项）`,
        });
      const award = awardNamed(cycle.awards, fields.cycle, fields.applicationId);
      if (!award)
        throw new RequestValidationError([
          {
            path: 'applicationId',
            message: `申报编号 ${fields.applicationId} 不在 ${fields.cycle} 公示的拟获奖名单中`,
          },
        ]);
      const id = `objection-${randomUUID()}`;
      const ip = clientIp(req);
      await deps.db.transaction(async (tx) => {
        await insertObjection(tx, {
          ...fields,
          applicationId: award.applicationId,
          id,
          applicantName: award.applicantName,
          filedBy: `api:${ip}`,
          processInstanceId: cycle.instanceId,
          evidence,
        });
        await recordAudit(tx, {
          actor: `api:${ip}`,
          action: 'objection.filed',
          subject: award.applicationId,
          businessKey: fields.cycle,
          processInstanceId: cycle.instanceId,
          summary: `${fields.name} 对 ${award.applicantName}（${award.applicationId}）提出异议，附证明材料 ${evidence.length} 个`,
          details: { objectionId: id, evidenceFiles: evidence.map((e) => e.fileName) },
        });
        // Last in the transaction: a refused correlation rolls the objection back.
        await engine
          .post('/message', {
            messageName: OBJECTION_MESSAGE,
            businessKey: fields.cycle,
            processInstanceId: cycle.instanceId,
            processVariables: {
              objectionId: { value: id, type: 'String' },
              objectionApplicationId: { value: award.applicationId, type: 'String' },
              objectionApplicantName: { value: award.applicantName, type: 'String' },
              objectionReason: { value: fields.reason, type: 'String' },
              objectionFiledBy: { value: fields.name, type: 'String' },
            },
          })
          .catch(engineFailure);
      });
      res.status(201).json({
        id,
        cycle: fields.cycle,
        applicationId: award.applicationId,
        evidence: evidence.map((e) => ({
          fileName: e.fileName,
          contentType: e.contentType,
          size: e.content.length,
        })),
        message: `异议已受理（编号 ${id}），审定委员会办公室将核查并答复`,
      });
    },
  );

  router.get('/objections', office, async (req, res) => {
    const query = parseRequest(CycleQuery, req.query);
    res.json({ objections: await objectionsOf(deps.db, query.cycle) });
  });

  router.get('/objections/:id/evidence/:index', office, async (req, res) => {
    const index = Number(req.params.index);
    const file =
      Number.isInteger(index) && index >= 0
        ? await evidenceContent(deps.db, String(req.params.id), index)
        : undefined;
    if (!file) throw new HttpError(404, { error: 'not_found', message: '没有这个证明材料' });
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.send(file.content);
  });

  return router;
}
