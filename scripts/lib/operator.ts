// Who runs an office command (issue 8 (4)): registry and expert imports and `npm run deploy` act
// for a person or account the engine knows. OPERATOR_USER / OPERATOR_PASSWORD are checked by the
// engine at ENGINE_URL, which also says the groups; the audit trail names that account.
import os from 'node:os';
import { OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import type { Config } from '../../config/config.js';
import { engineVerifier, type Principal } from '../../server/auth.js';
import { HttpError } from '../../server/validation.js';

/** The engine's own administrators (the admin account Spring creates) may run them too. */
export const CAMUNDA_ADMIN_GROUP = 'camunda-admin';

/** Verifies the operator with the engine; fails with one Chinese line when missing, wrong or not allowed. */
export async function verifyOperator(
  cfg: Pick<Config, 'ENGINE_URL' | 'OPERATOR_USER' | 'OPERATOR_PASSWORD'> &
    Partial<Pick<Config, 'DATABASE_URL' | 'NODE_ENV'>>,
  what: string,
  groups: readonly string[] = [OFFICE, PROCESS_ADMINS, CAMUNDA_ADMIN_GROUP],
): Promise<Principal> {
  // The embedded store of a local installation is a folder the person at this machine can read and
  // write anyway, and it can only be imported into while `npm start` (and so its engine) is stopped:
  // there the command acts for the local account, named in the audit trail. A shared PostgreSQL store
  // (DATABASE_URL) or NODE_ENV=production always needs the engine account.
  const local = !cfg.DATABASE_URL && cfg.NODE_ENV !== 'production';
  if (local && !cfg.OPERATOR_USER) return { userId: `local:${os.userInfo().username}`, groups: [] };
  if (!cfg.OPERATOR_USER || !cfg.OPERATOR_PASSWORD)
    throw new Error(
      `${what}需要审定委员会办公室或流程管理员的引擎账号：请设置 OPERATOR_USER 和 OPERATOR_PASSWORD（引擎 ${cfg.ENGINE_URL}）`,
    );
  let principal: Principal;
  try {
    principal = await engineVerifier(cfg.ENGINE_URL)({
      username: cfg.OPERATOR_USER,
      password: cfg.OPERATOR_PASSWORD,
    });
  } catch (err) {
    const message = err instanceof HttpError ? err.message : String(err);
    throw new Error(`OPERATOR_USER ${cfg.OPERATOR_USER}：${message}`, { cause: err });
  }
  if (!principal.groups.some((g) => groups.includes(g)))
    throw new Error(
      `只有 ${groups.join('、')} 组的成员可以${what}；OPERATOR_USER ${principal.userId} 不是这些组的成员`,
    );
  return principal;
}
