// The cycle workers' identity changes on the engine (Art. 11: a panel group per cycle; experts as
// users). Every call is idempotent: it does what is missing, so a redelivered task changes nothing.
//
// Issue 16 (4): this file and grants.ts are the narrow path: the only code that uses the identity
// account (identityEngine), and every call is checked here: groups only `experts` and `panel-<year>`,
// no expert id that is an account or group of the product, no existing non-expert user touched.
import { ConfigError } from '../../config/config.js';
import { ensureGroup, EXPERTS, reservedIds } from '../../camunda/identity.js';
import { EngineRestError, type EngineRest } from '../../camunda/rest.js';
import type { PoolExpert } from '../../domain/experts.js';

/** The identity account's client (WorkerDeps.identity); a clear configuration error when it is not set. */
export function identityEngine(deps: { identity?: EngineRest }): EngineRest {
  if (!deps.identity)
    throw new ConfigError(
      '配置错误 CAMUNDA_IDENTITY_PASSWORD: 未设置（组建评审专家组和授予专家阅读权限需要专家组服务账号）',
    );
  return deps.identity;
}

/** A call the narrow path refuses: it would reach beyond panels and experts. */
export class IdentityRefused extends Error {}

/** The groups this path creates, deletes and adds members to. */
export const PANEL_GROUP_PATTERN = /^panel-\d{4}$/;
const isPanelGroup = (id: string) => PANEL_GROUP_PATTERN.test(id);

function assertPanelGroup(id: string): void {
  if (!isPanelGroup(id))
    throw new IdentityRefused(`只能创建或撤销评审专家组（panel-<年份>），拒绝处理组 ${id}`);
}

/** An expert id must not be an account or group of the product (issue 16 (6)). */
export function assertExpertId(id: string, extra: readonly string[] = []): void {
  if (reservedIds(extra).has(id.toLowerCase()))
    throw new IdentityRefused(`专家编号 ${id} 与流程平台已有的账号或组重名，不能作为专家账号`);
}

const notFound = (err: unknown) => err instanceof EngineRestError && err.status === 404;
const enc = encodeURIComponent;

/** Creates the panel group when missing (only `panel-<year>`). */
export async function ensurePanelGroup(rest: EngineRest, id: string, name: string): Promise<void> {
  assertPanelGroup(id);
  await ensureGroup(rest, { id, name });
}

/** Deletes the group (and with it its memberships) when it exists. */
export async function deleteGroup(rest: EngineRest, id: string): Promise<boolean> {
  assertPanelGroup(id);
  try {
    await rest.delete(`/group/${enc(id)}`);
    return true;
  } catch (err) {
    if (notFound(err)) return false;
    throw err;
  }
}

/**
 * Makes the expert a Camunda user (without a password: the office sets one in Admin, none is kept
 * anywhere) and a member of `experts` and the given groups.
 */
export async function ensureExpertUser(
  rest: EngineRest,
  expert: PoolExpert,
  groups: string[],
): Promise<void> {
  assertExpertId(expert.id);
  for (const g of groups) assertPanelGroup(g);
  let exists = true;
  try {
    await rest.get(`/user/${enc(expert.id)}/profile`);
  } catch (err) {
    if (!notFound(err)) throw err;
    exists = false;
  }
  if (exists) {
    // An existing account is only ever an expert this path created: anyone else is never touched.
    const asExpert = await rest.get(`/user?id=${enc(expert.id)}&memberOfGroup=${EXPERTS}`);
    if (asExpert.length === 0)
      throw new IdentityRefused(`专家编号 ${expert.id} 与流程平台上已有的非专家账号重名，不能加入评审专家组`);
  } else {
    const clash = await rest.get(`/group?id=${enc(expert.id)}`);
    if (clash.length > 0)
      throw new IdentityRefused(`专家编号 ${expert.id} 与流程平台上已有的组重名，不能作为专家账号`);
    await rest.post('/user/create', {
      profile: { id: expert.id, firstName: expert.name, lastName: '专家', email: expert.email },
    });
  }
  for (const groupId of [EXPERTS, ...groups]) {
    const members = await rest.get(`/user?id=${enc(expert.id)}&memberOfGroup=${enc(groupId)}`);
    if (members.length === 0) await rest.put(`/group/${enc(groupId)}/members/${enc(expert.id)}`);
  }
}

/** The e-mail addresses of a group's members. */
export async function emailsOfGroup(rest: EngineRest, groupId: string): Promise<string[]> {
  const users = await rest.get(`/user?memberOfGroup=${enc(groupId)}`);
  return users.map((u) => u.email ?? '').filter((e) => e.includes('@'));
}
