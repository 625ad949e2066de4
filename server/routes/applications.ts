import { randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { OFFICE, PROCESS_ADMINS, RESOURCE } from '../../camunda/identity.js';
import { EngineRestError, idOf, toVariables, type EngineRest } from '../../camunda/rest.js';
import { shanghaiDate } from '../../domain/edition.js';
import {
  canonicalFileType,
  FILE_EXTENSIONS,
  FILE_TYPE_NAMES,
  FILE_TYPES,
  sniffFileType,
  type FileType,
} from '../../domain/file-types.js';
import {
  applicantIdentifier,
  applicationNumber,
  applicationVariables,
  cycleKeyOf,
  IntakeApplication,
  windowClosedMessage,
  windowState,
} from '../../domain/intake.js';
import { findUnit, recommenderGroup } from '../../domain/units.js';
import type { Mailer } from '../../mail/mailer.js';
import {
  applicationFile,
  existingApplication,
  findApplication,
  insertApplication,
  nextApplicationNumber,
  setProcessInstance,
  sha256,
  updateContact,
  type ApplicationFile,
  type FileRole,
  type StoredApplication,
} from '../../store/applications.js';
import { recordAudit } from '../../store/audit.js';
import type { Db, Queryable } from '../../store/index.js';
import {
  credentials,
  engineVerifier,
  requireGroups,
  principalOf,
  type EngineAuth,
  type Principal,
} from '../auth.js';
import { HttpError, parseRequest, RequestValidationError, toIssues } from '../validation.js';

/** Defaults of INTAKE_MAX_FILE_MB and INTAKE_MAX_EVIDENCE_FILES (config/config.ts). */
export const DEFAULT_INTAKE_LIMITS = { maxFileBytes: 10 * 1024 * 1024, maxEvidenceFiles: 10 };

export interface ApplicationsDeps {
  db: Db;
  auth: EngineAuth;
  /** The engine as the server's service account; without it submitting answers 503. */
  engine?: EngineRest;
  /**
   * Issue 16 (4): the narrow identity account, which reads the experts' READ grants (Art. 26); the
   * workers' account may not read authorizations.
   */
  grants?: EngineRest;
  limits?: { maxFileBytes: number; maxEvidenceFiles: number };
  /** The server's address as applicants reach it (PUBLIC_URL), for the status link in the e-mail. */
  publicUrl?: string;
  /** Sends the confirmation e-mail after the commit (the outbox row is written in the transaction). */
  mailer?: Mailer;
  now?: () => Date;
  /** The process definition keys (engine tests may use their own). */
  cycleProcessKey?: string;
  applicationProcessKey?: string;
  onMailError?: (err: unknown) => void;
}

interface RawFile {
  path: string;
  role: FileRole;
  fileName: string;
  declaredType: string;
  content: Buffer;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const typeList = FILE_TYPES.map((t) => FILE_TYPE_NAMES[t]).join('、');

/** Multer's refusals as the API's answers, naming the field. */
function multerError(err: unknown, limits: { maxFileBytes: number; maxEvidenceFiles: number }): never {
  if (err instanceof multer.MulterError) {
    const field = err.field ?? '';
    if (err.code === 'LIMIT_FILE_SIZE')
      throw new HttpError(413, {
        error: 'payload_too_large',
        field,
        limit: limits.maxFileBytes,
        message: `${field}：每个文件不能超过 ${megabytes(limits.maxFileBytes)}，申报未提交`,
      });
    if (err.code === 'LIMIT_FILE_COUNT' || (err.code === 'LIMIT_UNEXPECTED_FILE' && field === 'evidence'))
      throw new HttpError(413, {
        error: 'payload_too_large',
        field: 'evidence',
        limit: limits.maxEvidenceFiles,
        message: `证实性材料最多 ${limits.maxEvidenceFiles} 个文件，自我评价报告 1 个，申报未提交`,
      });
    if (err.code === 'LIMIT_UNEXPECTED_FILE')
      throw new RequestValidationError([
        {
          path: field,
          message:
            field === 'selfEvaluation'
              ? '自我评价报告只能上传 1 个文件'
              : `不接受字段 ${field} 的文件：自我评价报告用 selfEvaluation，证实性材料用 evidence`,
        },
      ]);
    if (err.code === 'LIMIT_FIELD_VALUE')
      throw new HttpError(413, {
        error: 'payload_too_large',
        field,
        message: `${field} 字段过长，申报未提交`,
      });
    throw new RequestValidationError([{ path: field, message: `表单数据无效：${err.message}` }]);
  }
  if (err instanceof Error)
    throw new RequestValidationError([
      { path: '', message: `multipart/form-data 请求体无效：${err.message}` },
    ]);
  throw err;
}

/** Each file: not empty, a PDF/DOCX/JPEG/PNG by its bytes (and, when declared, of that type). */
function checkFiles(files: RawFile[]): ApplicationFile[] {
  return files.map((f) => {
    if (f.content.length === 0) throw new RequestValidationError([{ path: f.path, message: '文件为空' }]);
    const actual = sniffFileType(f.content);
    const declared = canonicalFileType(f.declaredType);
    const genericDeclared = /^application\/octet-stream\b/i.test(f.declaredType) || f.declaredType === '';
    if (!actual || (!genericDeclared && declared !== actual))
      throw new HttpError(415, {
        error: 'unsupported_media_type',
        field: f.path,
        contentType: f.declaredType,
        message: `${f.path}（${f.fileName}）：申报材料只接受 ${typeList} 文件，且文件内容须与声明的类型一致${
          actual && declared !== actual ? `（声明 ${f.declaredType}，实际为 ${FILE_TYPE_NAMES[actual]}）` : ''
        }，申报未提交`,
      });
    return { role: f.role, fileName: f.fileName.slice(0, 200), contentType: actual, content: f.content };
  });
}

/** The cycle's application period from its running award-cycle instance (its 公告 form), if any. */
async function applicationPeriod(
  engine: EngineRest,
  processKey: string,
  cycleKey: string,
): Promise<{ start: string; end: string } | undefined> {
  const [instance] = await engine.get(
    `/process-instance?processDefinitionKey=${encodeURIComponent(processKey)}&businessKey=${encodeURIComponent(cycleKey)}`,
  );
  if (!instance?.id) return undefined;
  const vars = await engine.get(
    `/process-instance/${instance.id}/variables?deserializeValues=false&variableNames=applicationStart,applicationEnd`,
  );
  const date = (name: string) => {
    const v = vars[name]?.value;
    return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;
  };
  const start = date('applicationStart');
  const end = date('applicationEnd');
  return start && end ? { start, end } : undefined;
}

/** Engine answers that are not the applicant's fault, in people's words. */
function engineFailure(err: unknown): never {
  if (err instanceof HttpError || err instanceof RequestValidationError) throw err;
  if (err instanceof EngineRestError)
    throw new HttpError(err.status >= 500 || err.status === 401 || err.status === 403 ? 502 : 409, {
      error:
        err.status >= 500 || err.status === 401 || err.status === 403
          ? 'engine_error'
          : 'application_not_accepted',
      message: `流程引擎未受理此申报（${err.message}），申报未提交，请稍后重试或联系审定委员会办公室`,
    });
  throw new HttpError(503, {
    error: 'engine_unavailable',
    message: `流程引擎暂时无法连接，申报未提交，请稍后重试（${(err as Error).message}）`,
  });
}

const clientIp = (req: Request) => (req.ip ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'Idempotency-Key 应为 8–128 个字母、数字或 _ . : -');

/** The status page's path for a token. */
export const statusPath = (token: string): string => `/apply/status/${token}`;

/** Who may read an application's materials (Art. 26), or a 403 naming why not. */
export async function mayRead(
  principal: Principal,
  app: StoredApplication,
  engine: EngineRest | undefined,
): Promise<'office' | 'unit' | 'expert'> {
  if (principal.groups.includes(OFFICE) || principal.groups.includes(PROCESS_ADMINS)) return 'office';
  if (principal.groups.includes(recommenderGroup(app.recommendingUnit))) return 'unit';
  // An expert: the READ grant the workers give on assignment and take away on recusal or dissolution
  // (workers/shared/grants.ts) is the one source of truth, read with the identity account.
  if (engine && app.processInstanceId) {
    for (const resourceType of [RESOURCE.processInstance, RESOURCE.historicProcessInstance]) {
      const grants = await engine.get(
        `/authorization?type=1&userIdIn=${encodeURIComponent(principal.userId)}&resourceType=${resourceType}&resourceId=${encodeURIComponent(app.processInstanceId)}`,
      );
      if (grants.some((g) => g.permissions?.includes('READ') || g.permissions?.includes('ALL')))
        return 'expert';
    }
  }
  throw new HttpError(403, {
    error: 'forbidden',
    message: `${principal.userId} 无权查阅申报 ${app.businessKey} 的材料：只有审定委员会办公室、该申报的推荐单位和分配评审该申报的专家（回避或评审组解散前）可以查阅（第二十六条）`,
  });
}

const ContactCorrection = z.object({
  name: z.string().trim().min(1, '联系人姓名不能为空').max(50),
  phone: z.string().trim().min(1, '联系电话不能为空').max(30),
  email: z.email({ error: '联系邮箱格式不正确' }).max(200),
  reason: z.string().trim().min(2, '请说明更正理由').max(500),
});

/**
 * POST /applications (Art. 18 (2)): the applicant's 申报表 with the 自我评价报告 and the 证实性材料,
 * accepted only inside the cycle's application period. Stored in the transaction that starts
 * award-application: a refused start writes nothing. GET /applications/:id/files/... for the office,
 * the recommending unit and the assigned experts (Art. 26), each download audited.
 */
export function applicationsRouter(deps: ApplicationsDeps): Router {
  const router = Router();
  const limits = deps.limits ?? DEFAULT_INTAKE_LIMITS;
  const now = deps.now ?? (() => new Date());
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxEvidenceFiles + 1,
      fields: 5,
      fieldSize: 256 * 1024,
      parts: limits.maxEvidenceFiles + 6,
    },
  }).fields([
    { name: 'selfEvaluation', maxCount: 1 },
    { name: 'evidence', maxCount: limits.maxEvidenceFiles },
  ]);

  router.post('/applications', async (req: Request, res: Response) => {
    if (!req.is('multipart/form-data'))
      throw new HttpError(415, {
        error: 'unsupported_media_type',
        contentType: req.get('content-type') ?? null,
        message:
          '申报请以 multipart/form-data 提交：JSON 字段 application，文件字段 selfEvaluation 和 evidence',
      });
    const idemHeader = req.get('idempotency-key');
    const idempotencyKey = idemHeader === undefined ? null : idemHeader.trim();
    if (idempotencyKey !== null) {
      const ok = IdempotencyKey.safeParse(idempotencyKey);
      if (!ok.success)
        throw new RequestValidationError([{ path: 'Idempotency-Key', message: ok.error.issues[0]!.message }]);
    }
    await new Promise<void>((resolve, reject) =>
      upload(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
    ).catch((err: unknown) => multerError(err, limits));

    const body = req.body as Record<string, unknown>;
    let json: unknown;
    try {
      json = typeof body.application === 'string' ? JSON.parse(body.application) : undefined;
    } catch {
      throw new RequestValidationError([{ path: 'application', message: 'application 字段不是有效的 JSON' }]);
    }
    if (json === undefined)
      throw new RequestValidationError([
        { path: 'application', message: '缺少 application 字段（申报表 JSON）' },
      ]);
    const parsed = IntakeApplication.safeParse(json);
    if (!parsed.success)
      throw new RequestValidationError(
        toIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `application.${i.path}` : 'application' })),
      );
    const application = parsed.data;

    const uploaded = (req.files ?? {}) as Record<string, Express.Multer.File[] | undefined>;
    const raw: RawFile[] = [
      ...(uploaded.selfEvaluation ?? []).map((f) => ({
        role: 'self-evaluation' as const,
        path: 'selfEvaluation',
        f,
      })),
      ...(uploaded.evidence ?? []).map((f, i) => ({ role: 'evidence' as const, path: `evidence.${i}`, f })),
    ].map(({ role, path, f }) => ({
      role,
      path,
      fileName: f.originalname,
      declaredType: f.mimetype,
      content: f.buffer,
    }));
    const missing = [
      ...(uploaded.selfEvaluation?.length
        ? []
        : [{ path: 'selfEvaluation', message: '缺少自我评价报告（第十八条第（二）项）' }]),
      ...(uploaded.evidence?.length
        ? []
        : [{ path: 'evidence', message: '缺少证实性材料，至少上传 1 个文件（第十八条第（二）项）' }]),
    ];
    if (missing.length) throw new RequestValidationError(missing);
    const files = checkFiles(raw);

    const engine = deps.engine;
    if (!engine)
      throw new HttpError(503, {
        error: 'engine_unavailable',
        message: '服务未连接流程引擎，暂不能受理申报，请稍后重试',
      });
    const cycleKey = cycleKeyOf(application.cycle);
    const period = await applicationPeriod(engine, deps.cycleProcessKey ?? 'award-cycle', cycleKey).catch(
      engineFailure,
    );
    const state = period ? windowState(shanghaiDate(now()), period.start, period.end) : undefined;
    if (!period || state !== 'open')
      throw new HttpError(409, {
        error: 'application_window_closed',
        applicationStart: period?.start ?? null,
        applicationEnd: period?.end ?? null,
        message: windowClosedMessage(application.cycle, period, state === 'open' ? undefined : state),
      });

    const identifier = applicantIdentifier(application.applicant);
    const ip = clientIp(req);
    const token = randomBytes(32).toString('base64url');
    const statusUrl = `${deps.publicUrl ?? ''}${statusPath(token)}`;
    const processKey = deps.applicationProcessKey ?? 'award-application';
    let startedInstance: string | undefined;
    const duplicate = (found: { id: string; businessKey: string; byKey: boolean }) => {
      if (found.byKey)
        return {
          status: 200,
          body: {
            applicationId: found.id,
            businessKey: found.businessKey,
            statusUrl: null,
            duplicate: true,
            message: `此申报已于先前受理（申报编号 ${found.id}），未重复提交；查看进度的链接已发送到联系邮箱`,
          },
        };
      throw new HttpError(409, {
        error: 'duplicate_application',
        applicationId: found.id,
        message: `${application.applicant.name}（${identifier}）已在 ${application.cycle} 年度提交过申报（申报编号 ${found.id}），同一申报主体每年度只能申报一次；如需更正，请联系审定委员会办公室`,
      });
    };

    let result: { status: number; body: Record<string, unknown> };
    try {
      result = await deps.db.transaction(async (tx: Queryable) => {
        const found = await existingApplication(tx, cycleKey, identifier, idempotencyKey);
        if (found) return duplicate(found);
        const applicationId = applicationNumber(application.cycle, await nextApplicationNumber(tx, cycleKey));
        const businessKey = `${cycleKey}/${applicationId}`;
        await insertApplication(tx, {
          id: applicationId,
          cycleKey,
          businessKey,
          kind: application.applicant.kind,
          applicantName: application.applicant.name,
          applicantIdentifier: identifier,
          recommendingUnit: application.recommendingUnit,
          contact: application.contact,
          form: application,
          idempotencyKey,
          statusTokenSha256: sha256(token),
          submittedBy: `api:${ip}`,
          files,
        });
        await recordAudit(tx, {
          actor: `api:${ip}`,
          action: 'application.submitted',
          subject: applicationId,
          businessKey,
          summary: `${application.applicant.name} 在线提交申报（${application.applicant.kind === 'organization' ? '先进质量管理模式' : '先进质量管理成果'}），附自我评价报告 1 个、证实性材料 ${files.length - 1} 个`,
          details: {
            files: files.map((f) => ({ role: f.role, fileName: f.fileName, sha256: sha256(f.content) })),
          },
        });
        const unit = findUnit(application.recommendingUnit)?.name ?? application.recommendingUnit;
        const mailKey = `intake/${applicationId}/mail:confirmation`;
        await tx.query(
          `INSERT INTO effects (effect_key, kind, process_instance_id, activity_id, business_key, payload)
           VALUES ($1, 'mail', $2, $3, $4, $5)`,
          [
            mailKey,
            'intake',
            applicationId,
            businessKey,
            JSON.stringify({ to: [application.contact.email] }),
          ],
        );
        await tx.query(
          `INSERT INTO mail_outbox (effect_key, message_id, recipients, subject, body) VALUES ($1, $2, $3, $4, $5)`,
          [
            mailKey,
            `<${sha256(mailKey).slice(0, 32)}@baoshan-quality-award>`,
            [application.contact.email],
            `【宝山区政府质量奖】申报已收到：${application.applicant.name}`,
            confirmationText(application.applicant.name, applicationId, unit, statusUrl),
          ],
        );
        // Last in the transaction: a refused start rolls the application back.
        const started = await engine
          .post(`/process-definition/key/${encodeURIComponent(processKey)}/start`, {
            variables: toVariables(applicationVariables(application, applicationId)),
          })
          .catch(engineFailure);
        startedInstance = idOf(started);
        await setProcessInstance(tx, applicationId, startedInstance);
        return { status: 201, body: { applicationId, businessKey, statusUrl } };
      });
    } catch (err) {
      // The commit failed after the engine started the instance: take the instance back.
      if (startedInstance)
        await engine
          .delete(`/process-instance/${startedInstance}?skipCustomListeners=true&skipIoMappings=true`)
          .catch(() => undefined);
      if ((err as { code?: string }).code === '23505') {
        const found = await existingApplication(deps.db, cycleKey, identifier, idempotencyKey);
        if (found) {
          const dup = duplicate(found);
          res.status(dup.status).json(dup.body);
          return;
        }
      }
      throw err;
    }
    res.status(result.status).json(result.body);
    if (result.status === 201 && deps.mailer) {
      const id = String(result.body.applicationId);
      const [row] = await deps.db.query<{ subject: string; body: string }>(
        'SELECT subject, body FROM mail_outbox WHERE effect_key = $1',
        [`intake/${id}/mail:confirmation`],
      );
      if (row)
        deps.mailer
          .sendOnce(
            { processInstanceId: 'intake', activityInstanceId: id, name: 'mail:confirmation' },
            { to: [application.contact.email], subject: row.subject, text: row.body },
          )
          .catch((err: unknown) => deps.onMailError?.(err));
    }
  });

  const reader = materialsReader(deps);

  router.get('/applications/:id', reader, (_req, res) => {
    const app = res.locals.application as StoredApplication;
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      applicationId: app.id,
      businessKey: app.businessKey,
      kind: app.kind,
      applicantName: app.applicantName,
      recommendingUnit: app.recommendingUnit,
      submittedAt: app.submittedAt,
      form: app.form,
      contact: res.locals.readerRole === 'expert' ? undefined : app.contact,
      files: app.files.map((f) => ({
        ...f,
        url: `/api/applications/${encodeURIComponent(app.id)}/files/${f.role}/${f.position}`,
      })),
    });
  });

  router.get('/applications/:id/files/:role/:position', reader, async (req, res) => {
    const app = res.locals.application as StoredApplication;
    const principal = res.locals.principal as Principal;
    const role = String(req.params.role);
    const position = Number(req.params.position);
    const file =
      (role === 'self-evaluation' || role === 'evidence') && Number.isInteger(position) && position >= 0
        ? await applicationFile(deps.db, app.id, role, position)
        : undefined;
    if (!file) throw new HttpError(404, { error: 'not_found', message: '没有这个申报材料文件' });
    const type: FileType = (FILE_TYPES as readonly string[]).includes(file.contentType)
      ? (file.contentType as FileType)
      : 'application/pdf';
    await recordAudit(deps.db, {
      actor: principal.userId,
      action: 'application.file-downloaded',
      subject: app.id,
      businessKey: app.businessKey,
      processInstanceId: app.processInstanceId,
      summary: `${principal.userId}（${String(res.locals.readerRole)}）下载了 ${app.applicantName} 的${role === 'self-evaluation' ? '自我评价报告' : '证实性材料'}“${file.fileName}”`,
      details: { role, position, sha256: file.sha256 },
    });
    const base = file.fileName.replace(/\.[^.]*$/, '') || 'file';
    const safeName = `${base}${FILE_EXTENSIONS[type]}`;
    res.setHeader('Content-Type', type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${FILE_EXTENSIONS[type].slice(1)}-file${FILE_EXTENSIONS[type]}"; filename*=UTF-8''${encodeURIComponent(safeName)}`,
    );
    res.setHeader('X-Content-SHA256', file.sha256);
    res.send(file.content);
  });

  // The applicant's own data are corrected only by the office, audited (issue 14 (5)).
  router.patch(
    '/applications/:id/contact',
    requireGroups(deps.auth, [OFFICE, PROCESS_ADMINS], '更正申报人联系信息'),
    async (req, res) => {
      const body = parseRequest(ContactCorrection, req.body);
      const app = await findApplication(deps.db, String(req.params.id));
      if (!app)
        throw new HttpError(404, { error: 'not_found', message: `没有申报 ${String(req.params.id)}` });
      const principal = principalOf(res);
      const contact = { name: body.name, phone: body.phone, email: body.email };
      await deps.db.transaction(async (tx) => {
        await updateContact(tx, app.id, contact);
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'application.contact-corrected',
          subject: app.id,
          businessKey: app.businessKey,
          processInstanceId: app.processInstanceId,
          summary: `${principal.userId} 更正了 ${app.applicantName} 的联系信息：${body.reason}`,
          details: { before: app.contact, after: contact },
        });
        if (deps.engine && app.processInstanceId)
          await deps.engine
            .post(`/process-instance/${app.processInstanceId}/variables`, {
              modifications: toVariables({
                applicantEmail: contact.email,
                contactName: contact.name,
                contactPhone: contact.phone,
              }),
            })
            .catch(engineFailure);
      });
      res.json({ applicationId: app.id, contact });
    },
  );

  return router;
}

/**
 * Middleware: the caller logs in (HTTP Basic with their engine account; a 401 asks the browser to)
 * and may read the application named by :id (申报编号) or :cycle/:id (business key), else 403/404.
 * Sets res.locals.principal, application and readerRole.
 */
export function materialsReader(deps: Pick<ApplicationsDeps, 'db' | 'auth' | 'engine' | 'grants'>) {
  const verify = typeof deps.auth === 'function' ? deps.auth : engineVerifier(deps.auth);
  return (req: Request, res: Response, next: NextFunction): void => {
    Promise.resolve()
      .then(async () => {
        let principal: Principal;
        try {
          principal = await verify(credentials(req));
        } catch (err) {
          if (err instanceof HttpError && err.status === 401)
            res.setHeader('WWW-Authenticate', 'Basic realm="baoshan-quality-award", charset="UTF-8"');
          throw err;
        }
        const ref = req.params.cycle
          ? `${String(req.params.cycle)}/${String(req.params.id)}`
          : String(req.params.id);
        const app = await findApplication(deps.db, ref);
        if (!app) throw new HttpError(404, { error: 'not_found', message: `没有申报 ${ref}` });
        res.locals.principal = principal;
        res.locals.application = app;
        res.locals.readerRole = await mayRead(principal, app, deps.grants);
      })
      .then(() => next(), next);
  };
}

/** The confirmation e-mail's text, with the status link. */
export function confirmationText(
  name: string,
  applicationId: string,
  unit: string,
  statusUrl: string,
): string {
  return [
    `${name}：`,
    '',
    `您的宝山区政府质量奖申报已收到，申报编号 ${applicationId}。`,
    `申报将由推荐单位（${unit}）签署推荐意见，再由审定委员会办公室进行资格审查（第十八条第（二）、（三）项）。`,
    '',
    `查看申报进度（请勿转发此链接，凭链接即可查看本申报的状态）：`,
    statusUrl,
    '',
    '宝山区政府质量奖审定委员会办公室',
  ].join('\n');
}
