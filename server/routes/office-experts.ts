import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { EXPERTS, OFFICE, reservedIds } from '../../camunda/identity.js';
import { EngineRestError, type Credentials, type EngineRest } from '../../camunda/rest.js';
import { shanghaiDate, type RulesEdition } from '../../domain/edition.js';
import { EXPERT_ID_PATTERN, expertQualificationFailures, type PoolExpert } from '../../domain/experts.js';
import type { Mailer } from '../../mail/mailer.js';
import { CsvSyntaxError, decodeText, parseCsv } from '../../scripts/lib/csv.js';
import { recordAudit } from '../../store/audit.js';
import {
  expertRowsFromTable,
  importExperts,
  validateExpertRows,
  type RowProblem,
} from '../../store/expert-import.js';
import { findExperts, inactiveExpertIds, listExperts, setExpertActive } from '../../store/experts.js';
import type { Db } from '../../store/index.js';
import { checkInvitation, createInvitation, useInvitation } from '../../store/invitations.js';
import { engineError, principalOf, requireGroups, type EngineAuth } from '../auth.js';
import { HttpError, parseRequest } from '../validation.js';
import { editionOnDay } from './quota.js';

/** How long an invitation link stays valid. */
export const INVITATION_TTL_HOURS = 72;
/** Largest expert file the page uploads (base64 in the 1 MB JSON body). */
const MAX_FILE_BYTES = 512 * 1024;
const RESOURCE_USER = 1;

const ExpertId = z.string().regex(EXPERT_ID_PATTERN, '专家编号格式不正确').max(64);
const ActiveBody = z.object({ active: z.boolean({ error: 'active 应为 true 或 false' }) });
const ImportBody = z.object({
  fileName: z
    .string({ error: '缺少文件名（fileName）' })
    .trim()
    .max(200)
    .regex(/\.(csv|xlsx)$/i, '只能导入 .csv 或 .xlsx 文件'),
  content: z
    .string({ error: '缺少文件内容（content，Base64）' })
    .max(Math.ceil((MAX_FILE_BYTES * 4) / 3) + 4, `文件不能超过 ${MAX_FILE_BYTES / 1024} KB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容应为 Base64'),
});
const Token = z.string({ error: '缺少链接中的令牌（token）' }).regex(/^[A-Za-z0-9_-]{20,100}$/, '链接无效');
const SetPassword = z.object({
  token: Token,
  password: z
    .string({ error: '请输入新密码' })
    .min(10, '密码至少 10 个字符')
    .max(128, '密码不超过 128 个字符')
    .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字'),
});

const INVITATION_REFUSED = {
  unknown: '此链接无效，请向审定委员会办公室索取新的邀请',
  expired: '此链接已过期，请向审定委员会办公室索取新的邀请',
  used: '此链接已使用过，密码已设置；如忘记密码，请向审定委员会办公室索取新的邀请',
} as const;

export interface ExpertAccountDeps {
  db: Db;
  auth: EngineAuth;
  /**
   * Issue 16 (4): the narrow identity account (CAMUNDA_IDENTITY_USER) and its client: it alone may
   * create the expert's user and set the password the expert chooses; the workers' account may not.
   */
  identityEngine?: EngineRest;
  identityAccount?: Credentials;
  mailer?: Mailer;
  /** Where people reach the server (PUBLIC_URL): the invitation link starts with it. */
  publicUrl?: string;
  /** Art. 12, 28: the edition files (approved stored ones are added); Art. 12 (二) of the one in force today. */
  editions: readonly RulesEdition[];
}

/** An expert file's rows: CSV with the import command's parser, XLSX with exceljs (first sheet). */
async function tableOf(fileName: string, bytes: Buffer): Promise<{ line: number; fields: string[] }[]> {
  if (path.extname(fileName).toLowerCase() === '.csv') return parseCsv(decodeText(bytes));
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as never);
  } catch {
    throw new HttpError(400, {
      error: 'invalid_request',
      issues: [{ path: 'content', message: '无法读取该 Excel 文件（.xlsx）' }],
    });
  }
  const ws = book.worksheets[0];
  if (!ws) return [];
  const records: { line: number; fields: string[] }[] = [];
  const width = ws.getRow(1).cellCount;
  ws.eachRow((row, line) => {
    const fields: string[] = [];
    for (let c = 1; c <= width; c++) fields.push(row.getCell(c).text.trim());
    records.push({ line, fields });
  });
  return records;
}

const fileProblems = (problems: RowProblem[]) =>
  new HttpError(400, {
    error: 'invalid_file',
    message: `文件中有 ${problems.length} 处错误，未导入任何记录`,
    problems: problems.map((p) => ({
      row: p.row,
      field: p.field,
      message: `第 ${p.row} 行${p.field ? ` ${p.field}` : ''}：${p.message}`,
    })),
  });

/**
 * The expert pool on the office workbench (issue 13 (3), Art. 10 (4), 12, 26) and the invitation
 * that lets an expert set their own password: /api/office/experts* (office only) and the public
 * /api/account/set-password that only a valid one-time link opens.
 */
export function officeExpertsRouter(deps: ExpertAccountDeps): Router {
  const router = Router();
  router.use('/office/experts', requireGroups(deps.auth, [OFFICE], '维护评审专家库'));
  const service = (): { engine: EngineRest; account: Credentials } => {
    if (!deps.identityEngine || !deps.identityAccount)
      throw new HttpError(503, {
        error: 'engine_unavailable',
        message: '服务器未配置专家账号服务账号（CAMUNDA_IDENTITY_PASSWORD），无法开通账号',
      });
    return { engine: deps.identityEngine, account: deps.identityAccount };
  };

  router.get('/office/experts', async (_req, res) => {
    const inactive = await inactiveExpertIds(deps.db);
    const rules = await editionOnDay(deps.db, deps.editions, shanghaiDate(new Date()));
    const experts = (await listExperts(deps.db)).map((e) => {
      const qualificationFailures = expertQualificationFailures(e, rules);
      return {
        ...e,
        active: !inactive.has(e.id),
        qualified: qualificationFailures.length === 0,
        qualificationFailures,
      };
    });
    res.json({ experts });
  });

  router.post('/office/experts/import', async (req, res) => {
    const body = parseRequest(ImportBody, req.body);
    const bytes = Buffer.from(body.content, 'base64');
    if (bytes.length > MAX_FILE_BYTES)
      throw new HttpError(413, { error: 'payload_too_large', limit: MAX_FILE_BYTES, message: '文件过大' });
    let records;
    try {
      records = await tableOf(body.fileName, bytes);
    } catch (err) {
      if (err instanceof CsvSyntaxError)
        throw fileProblems([{ row: err.line, field: '', message: err.message }]);
      throw err;
    }
    const table = expertRowsFromTable(records);
    if (table.problems.length) throw fileProblems(table.problems);
    const { experts, problems } = validateExpertRows(table.rows);
    if (problems.length) throw fileProblems(problems);
    const actor = principalOf(res).userId;
    const rules = await editionOnDay(deps.db, deps.editions, shanghaiDate(new Date()));
    const counts = await importExperts(deps.db, experts, rules, path.basename(body.fileName), actor);
    res.json({ counts });
  });

  router.post('/office/experts/:id/active', async (req: Request<{ id: string }>, res: Response) => {
    const id = parseRequest(ExpertId, req.params.id);
    const { active } = parseRequest(ActiveBody, req.body);
    const actor = principalOf(res).userId;
    const changed = await deps.db.transaction(async (tx) => {
      if (!(await setExpertActive(tx, id, active))) return false;
      await recordAudit(tx, {
        actor,
        action: active ? 'expert.reactivated' : 'expert.deactivated',
        subject: id,
        summary: `${actor} ${active ? '恢复' : '停用'}评审专家 ${id}${active ? '' : '（保留记录，不再供选聘）'}`,
      });
      return true;
    });
    if (!changed) throw new HttpError(404, { error: 'not_found', message: `专家库中没有专家 ${id}` });
    res.json({ id, active });
  });

  router.post('/office/experts/:id/invite', async (req: Request<{ id: string }>, res: Response) => {
    const id = parseRequest(ExpertId, req.params.id);
    const [expert] = await findExperts(deps.db, [id]);
    if (!expert) throw new HttpError(404, { error: 'not_found', message: `专家库中没有专家 ${id}` });
    if ((await inactiveExpertIds(deps.db)).has(id))
      throw new HttpError(409, { error: 'expert_inactive', message: `专家 ${id} 已停用，不能开通账号` });
    if (!deps.mailer)
      throw new HttpError(503, {
        error: 'mail_unavailable',
        message: '服务器未配置邮件服务（SMTP_URL），无法发送邀请',
      });
    const { engine, account } = service();
    try {
      await ensureExpertAccount(engine, account.username, expert);
    } catch (err) {
      engineError(err);
    }
    const actor = principalOf(res).userId;
    const invitation = await deps.db.transaction(async (tx) => {
      const created = await createInvitation(tx, {
        userId: id,
        email: expert.email,
        createdBy: actor,
        ttlHours: INVITATION_TTL_HOURS,
      });
      await recordAudit(tx, {
        actor,
        action: 'expert.invited',
        subject: id,
        summary: `${actor} 邀请评审专家 ${id}（${expert.email}）设置流程平台账号密码`,
        details: { expiresAt: created.expiresAt },
      });
      return created;
    });
    const link = `${(deps.publicUrl ?? '').replace(/\/$/, '')}/account/set-password?token=${invitation.token}`;
    await deps.mailer.sendOnce(
      {
        processInstanceId: 'office',
        activityInstanceId: `invitation:${invitation.tokenHash}`,
        name: 'mail:invitation',
      },
      {
        to: [expert.email],
        subject: '【宝山区政府质量奖】评审专家账号开通',
        text: [
          `${expert.name} 专家：`,
          '',
          `审定委员会办公室已为您开通宝山区政府质量奖流程平台账号，登录名为：${id}`,
          `请在 ${INVITATION_TTL_HOURS} 小时内打开以下链接，设置您自己的登录密码（链接只能使用一次）：`,
          link,
          '',
          '本邮件不含任何密码。如非本人操作，请忽略本邮件并告知审定委员会办公室。',
          '',
          '宝山区政府质量奖审定委员会办公室',
        ].join('\n'),
      },
    );
    res.status(201).json({ invited: id, email: expert.email, expiresAt: invitation.expiresAt });
  });

  router.get('/account/invitation', async (req, res) => {
    const token = parseRequest(z.object({ token: Token }), req.query).token;
    const state = await checkInvitation(deps.db, token);
    if (!state.ok)
      throw new HttpError(410, {
        error: `invitation_${state.reason}`,
        message: INVITATION_REFUSED[state.reason],
      });
    res.json({ userId: state.userId });
  });

  router.post('/account/set-password', async (req, res) => {
    const { token, password } = parseRequest(SetPassword, req.body);
    const { engine, account } = service();
    // The link is used in the transaction of the change: a refused change leaves it usable.
    const userId = await deps.db.transaction(async (tx) => {
      const state = await useInvitation(tx, token);
      if (!state.ok)
        throw new HttpError(410, {
          error: `invitation_${state.reason}`,
          message: INVITATION_REFUSED[state.reason],
        });
      try {
        await engine.put(`/user/${encodeURIComponent(state.userId)}/credentials`, {
          password,
          authenticatedUserPassword: account.password,
        });
      } catch (err) {
        if (err instanceof EngineRestError && err.status === 400)
          throw new HttpError(400, {
            error: 'invalid_request',
            issues: [{ path: 'password', message: `引擎不接受此密码：${err.message}` }],
          });
        engineError(err);
      }
      await recordAudit(tx, {
        actor: state.userId,
        action: 'account.password-set',
        subject: state.userId,
        summary: `${state.userId} 通过邀请链接设置了自己的登录密码`,
      });
      return state.userId;
    });
    await revokePasswordGrant(engine, account.username, userId).catch(() => undefined);
    res.json({ userId, message: '密码已设置，请使用新密码登录流程平台' });
  });
  return router;
}

/**
 * The expert's engine user (in `experts`, without a password) and, for the server's service account,
 * UPDATE on exactly that user: the only right it needs to set the password the expert chooses.
 */
async function ensureExpertAccount(
  engine: EngineRest,
  serviceUser: string,
  expert: PoolExpert,
): Promise<void> {
  const enc = encodeURIComponent;
  // Issue 16 (4), (6): never an account or group of the product, never an existing non-expert user.
  const refused = (message: string) => new HttpError(409, { error: 'account_refused', message });
  if (reservedIds().has(expert.id.toLowerCase()))
    throw refused(`专家编号 ${expert.id} 与流程平台已有的账号或组重名，不能开通专家账号`);
  let exists = true;
  try {
    await engine.get(`/user/${enc(expert.id)}/profile`);
  } catch (err) {
    if (!(err instanceof EngineRestError && err.status === 404)) throw err;
    exists = false;
  }
  if (exists) {
    const asExpert = await engine.get(`/user?id=${enc(expert.id)}&memberOfGroup=${EXPERTS}`);
    if (asExpert.length === 0)
      throw refused(`专家编号 ${expert.id} 与流程平台上已有的非专家账号重名，不能开通专家账号`);
  } else {
    const clash = await engine.get(`/group?id=${enc(expert.id)}`);
    if (clash.length > 0) throw refused(`专家编号 ${expert.id} 与流程平台上已有的组重名，不能开通专家账号`);
    await engine.post('/user/create', {
      profile: { id: expert.id, firstName: expert.name, lastName: '专家', email: expert.email },
    });
  }
  const members = await engine.get(`/user?id=${enc(expert.id)}&memberOfGroup=${EXPERTS}`);
  if (members.length === 0) await engine.put(`/group/${EXPERTS}/members/${enc(expert.id)}`);
  const grants = await engine.get(
    `/authorization?userIdIn=${enc(serviceUser)}&resourceType=${RESOURCE_USER}&resourceId=${enc(expert.id)}`,
  );
  if (grants.length === 0)
    await engine.post('/authorization/create', {
      type: 1,
      permissions: ['UPDATE'],
      userId: serviceUser,
      resourceType: RESOURCE_USER,
      resourceId: expert.id,
    });
}

/** Takes the service account's UPDATE on the user back once the password is set. */
async function revokePasswordGrant(engine: EngineRest, serviceUser: string, userId: string): Promise<void> {
  const grants = await engine.get(
    `/authorization?userIdIn=${encodeURIComponent(serviceUser)}&resourceType=${RESOURCE_USER}&resourceId=${encodeURIComponent(userId)}`,
  );
  for (const g of grants) await engine.delete(`/authorization/${g.id}`);
}
