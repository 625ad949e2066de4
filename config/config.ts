import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const url = z.url();

/** Every environment variable the Node side reads, with its default; parsed once at start-up. */
export const EnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('data'),
  ENGINE_URL: url.default('http://localhost:8080/engine-rest'),
  ENGINE_PORT: port.default(8080),
  CAMUNDA_ADMIN_USER: z.string().min(1).default('admin'),
  CAMUNDA_ADMIN_PASSWORD: z.string().min(1).optional(),
  CAMUNDA_WORKER_USER: z.string().min(1).default('worker'),
  CAMUNDA_WORKER_PASSWORD: z.string().min(1).optional(),
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
  WORKER_MAX_PARALLEL: z.coerce.number().int().min(1).max(64).default(4),
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(60000),
  WORKER_LONG_POLL_MS: z.coerce.number().int().min(0).max(60000).default(20000),
  WORKER_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  WORKER_RETRY_BASE_MS: z.coerce.number().int().min(100).default(10000),
  /** Tests only: each handler waits this long before and again after its work (fault tests kill it there). */
  WORKER_TEST_DELAY_MS: z.coerce.number().int().min(0).max(60000).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  dataDir: string;
  publicUrl: string;
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
  return {
    ...cfg,
    dataDir: path.resolve(cfg.DATA_DIR),
    publicUrl: cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`,
  };
}

/** Returns the value or fails with the variable's name, for settings a component cannot run without. */
export function required<K extends keyof Config>(cfg: Config, key: K): NonNullable<Config[K]> {
  const value = cfg[key];
  if (value === undefined || value === null) throw new ConfigError(`配置错误 ${String(key)}: 未设置`);
  return value as NonNullable<Config[K]>;
}
