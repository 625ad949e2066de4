import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const url = z.url();

/** Every environment variable the Node side reads, with its default; parsed once at start-up. */
export const EnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('data'),
  ENGINE_URL: url.default('http://localhost:8080/engine-rest'),
  /**
   * Two or more engine nodes on one database (README "两个引擎节点"): their REST URLs, comma-separated.
   * The workers poll every node; the server and the workers' engine calls fail over between them.
   * Unset: ENGINE_URL alone.
   */
  ENGINE_URLS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    )
    .pipe(
      z
        .array(z.url({ message: '每一项都必须是引擎 REST 地址（http(s)://…/engine-rest），用逗号分隔' }))
        .min(1, '至少需要一个引擎地址')
        .max(8, '最多 8 个引擎节点'),
    )
    .refine((urls) => new Set(urls).size === urls.length, '引擎地址不能重复')
    .optional(),
  ENGINE_PORT: port.default(8080),
  CAMUNDA_ADMIN_USER: z.string().min(1).default('admin'),
  CAMUNDA_ADMIN_PASSWORD: z.string().min(1).optional(),
  CAMUNDA_WORKER_USER: z.string().min(1).default('worker'),
  CAMUNDA_WORKER_PASSWORD: z.string().min(1).optional(),
  /**
   * Issue 16 (4): the narrow identity account (forming a panel, an expert's READ on their applications);
   * only workers/form-panel uses it. The workers' own account cannot create users or authorizations.
   */
  CAMUNDA_IDENTITY_USER: z.string().min(1).default('identity'),
  CAMUNDA_IDENTITY_PASSWORD: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, '必须是 postgres:// 或 postgresql:// 开头的连接串')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, '必须是 smtp:// 或 smtps:// 开头的地址')
    .optional(),
  MAIL_FROM: z.string().min(3).default('宝山区政府质量奖审定委员会办公室 <award-office@localhost>'),
  MAIL_SINK_PORT: port.default(2525),
  PORT: port.default(3000),
  PUBLIC_URL: url.optional(),
  WORKER_MAX_PARALLEL: z.coerce.number().int().min(1).max(256).default(32),
  // Tasks asked for in one fetch-and-lock (at most the free slots); one fetch costs the engine about
  // the same for 1 task as for 50, so this defaults to WORKER_MAX_PARALLEL.
  WORKER_MAX_TASKS: z.coerce.number().int().min(1).max(256).optional(),
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(60000),
  WORKER_LONG_POLL_MS: z.coerce.number().int().min(0).max(60000).default(20000),
  WORKER_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  WORKER_RETRY_BASE_MS: z.coerce.number().int().min(100).default(10000),
  /** Longest wait between polls while the engine is unreachable (the wait doubles from 0.6 s up to it). */
  WORKER_BACKOFF_MAX_MS: z.coerce.number().int().min(1000).max(300000).default(30000),
  /** Tests only: each handler waits this long before and again after its work (fault tests kill it there). */
  WORKER_TEST_DELAY_MS: z.coerce.number().int().min(0).max(60000).default(0),
  /** Tests only, and only with NODE_ENV=test: this topic's effect keys become unique per delivery. */
  QA_FAULT_UNKEYED_TOPIC: z.string().min(1).optional(),
  /** Tasklist as people open it, for the links in task notices; default: ENGINE_URL's host, /camunda/app/tasklist/default/. */
  TASKLIST_URL: url.optional(),
  /** How often the task notifier looks for new, nearly due and overdue user tasks. */
  TASK_NOTIFY_INTERVAL_MS: z.coerce.number().int().min(200).max(3600000).default(30000),
  /** How long before a task's due date its people get a reminder. */
  TASK_REMINDER_HOURS: z.coerce.number().min(0).max(720).default(24),
  /** Only tasks created after this instant are notified (ISO 8601); unset: every open task. */
  TASK_NOTIFY_CREATED_AFTER: z.iso.datetime({ offset: true }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The person running an office command (imports, deploy): their engine account, checked by the engine. */
  OPERATOR_USER: z.string().min(1).optional(),
  OPERATOR_PASSWORD: z.string().min(1).optional(),
  /** `production` turns on the refusal of missing or default secrets (productionProblems). */
  NODE_ENV: z.string().default('development'),
  /** Requests per minute and client IP on each public POST endpoint (intake, objections, reports, checks). */
  // POST /api/review/assignment-plan: the district's real scale is a few hundred applications and
  // experts; longer lists are 413 naming the limit. The plan is solved in a worker thread within
  // ASSIGNMENT_TIME_BUDGET_MS (503 beyond it).
  ASSIGNMENT_MAX_APPLICATIONS: z.coerce.number().int().min(1).max(5000).default(500),
  ASSIGNMENT_MAX_EXPERTS: z.coerce.number().int().min(1).max(5000).default(500),
  ASSIGNMENT_TIME_BUDGET_MS: z.coerce.number().int().min(100).max(600000).default(15000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(60),
  /** Intake (issue 14): largest 自我评价报告 / 证实性材料 file, in MB, and most 证实性材料 files. */
  INTAKE_MAX_FILE_MB: z.coerce.number().int().min(1).max(100).default(10),
  INTAKE_MAX_EVIDENCE_FILES: z.coerce.number().int().min(1).max(50).default(10),
  /** Reverse proxies in front of the server whose X-Forwarded-For is trusted for the client IP (0: none). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** The engine's own database (JDBC), passed to the engine jar by `npm start`; unset: H2 under DATA_DIR. */
  DB_URL: z
    .string()
    .regex(/^jdbc:.+/, '必须是 jdbc: 开头的连接串')
    .optional(),
  DB_USERNAME: z.string().min(1).optional(),
  DB_PASSWORD: z.string().min(1).optional(),
  /** Set by `npm start` for the processes it supervises: they stop when that process is gone (config/cli.ts). */
  SUPERVISOR_PID: z.coerce.number().int().positive().optional(),
  /** What /healthz checks besides the server itself: any of store, engine, workers (npm start: all three). */
  HEALTH_CHECKS: z
    .string()
    .regex(
      /^((store|engine|workers)(,(store|engine|workers))*)?$/,
      '只能是 store、engine、workers 的逗号分隔组合',
    )
    .default('store'),
  /** Loopback port of the embedded store's process under `npm start` without DATABASE_URL. */
  STORE_PORT: port.default(5433),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  dataDir: string;
  publicUrl: string;
  /** Every engine node's REST URL: ENGINE_URLS, or ENGINE_URL alone; the first is the one tried first. */
  engineUrls: string[];
}

/** Thrown when an environment variable is malformed; the message names the key. */
export class ConfigError extends Error {}

/** Parses the environment once; a bad value becomes a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 ${lines.join('; ')}`);
  }
  const cfg = parsed.data;
  if (cfg.NODE_ENV === 'production') {
    const problems = productionProblems(cfg);
    if (problems.length > 0)
      throw new ConfigError(`配置错误 生产环境（NODE_ENV=production）拒绝启动：${problems.join('；')}`);
  }
  // ENGINE_URLS without ENGINE_URL: the first node is the one single-node settings (TASKLIST_URL's default) name.
  if (cfg.ENGINE_URLS && cleaned.ENGINE_URL === undefined) cfg.ENGINE_URL = cfg.ENGINE_URLS[0]!;
  return {
    ...cfg,
    dataDir: path.resolve(cfg.DATA_DIR),
    publicUrl: cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`,
    engineUrls: cfg.ENGINE_URLS ?? [cfg.ENGINE_URL],
  };
}

/** Passwords that ship as examples or defaults somewhere; never acceptable in production. */
const DEFAULT_SECRETS = new Set([
  'admin',
  'demo',
  'password',
  'passw0rd',
  'secret',
  'changeme',
  'change-me',
  'worker',
  'camunda',
  'postgres',
  'award',
  'test',
  '123456',
  '12345678',
]);
const MIN_SECRET_LENGTH = 12;

function secretProblem(key: string, value: string | undefined, user?: string): string | undefined {
  if (value === undefined || value.trim() === '')
    return `${key} 未设置（生产环境必须设置，不使用默认或空密码）`;
  if (DEFAULT_SECRETS.has(value.toLowerCase()) || (user !== undefined && value === user))
    return `${key} 使用了默认或示例密码，请换成只有本机构知道的密码`;
  if (value.length < MIN_SECRET_LENGTH) return `${key} 太短（至少 ${MIN_SECRET_LENGTH} 个字符）`;
  return undefined;
}

/** The password inside a connection URL (postgres://user:pass@…, smtp://user:pass@…), if any. */
function urlPassword(value: string): { user: string; password: string } | undefined {
  try {
    const u = new URL(value);
    return u.password
      ? { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Issue 8 (4): with NODE_ENV=production no secret may be missing or a default. Each problem names
 * its setting, in Chinese.
 */
export function productionProblems(cfg: Env): string[] {
  const problems = [
    // Least privilege (issue 16): only the engine and the deploy step hold the admin's password (they
    // require it themselves); where it is given, it must be strong.
    cfg.CAMUNDA_ADMIN_PASSWORD === undefined
      ? undefined
      : secretProblem('CAMUNDA_ADMIN_PASSWORD', cfg.CAMUNDA_ADMIN_PASSWORD, cfg.CAMUNDA_ADMIN_USER),
    secretProblem('CAMUNDA_WORKER_PASSWORD', cfg.CAMUNDA_WORKER_PASSWORD, cfg.CAMUNDA_WORKER_USER),
    secretProblem('CAMUNDA_IDENTITY_PASSWORD', cfg.CAMUNDA_IDENTITY_PASSWORD, cfg.CAMUNDA_IDENTITY_USER),
  ];
  // Issue 16 (5): the engine's database password as well, whenever the engine has a database of its own.
  if (cfg.DB_URL || cfg.DB_PASSWORD !== undefined)
    problems.push(secretProblem('DB_PASSWORD', cfg.DB_PASSWORD, cfg.DB_USERNAME));
  // Without SMTP_URL the product falls back to its local SMTP sink, which delivers nothing.
  if (!cfg.SMTP_URL)
    problems.push('SMTP_URL 未设置（生产环境不能使用本机测试邮件收件箱，请填写真实的邮件服务器）');
  for (const key of ['SMTP_URL', 'DATABASE_URL'] as const) {
    const value = cfg[key];
    const inUrl = value ? urlPassword(value) : undefined;
    if (inUrl) problems.push(secretProblem(`${key} 中的密码`, inUrl.password, inUrl.user));
  }
  return problems.filter((p): p is string => p !== undefined);
}

/** Returns the value or fails with the variable's name, for settings a component cannot run without. */
export function required<K extends keyof Config>(cfg: Config, key: K): NonNullable<Config[K]> {
  const value = cfg[key];
  if (value === undefined || value === null) throw new ConfigError(`配置错误 ${String(key)}: 未设置`);
  return value as NonNullable<Config[K]>;
}
