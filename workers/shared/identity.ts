// The cycle workers' identity changes on the engine (Art. 11: a panel group per cycle; experts as
// users). Every call is idempotent: it does what is missing, so a redelivered task changes nothing.
import { EXPERTS } from '../../camunda/identity.js';
import { EngineRestError, type EngineRest } from '../../camunda/rest.js';
import type { PoolExpert } from '../../domain/experts.js';

const notFound = (err: unknown) => err instanceof EngineRestError && err.status === 404;
const enc = encodeURIComponent;

/** Deletes the group (and with it its memberships) when it exists. */
export async function deleteGroup(rest: EngineRest, id: string): Promise<boolean> {
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
  try {
    await rest.get(`/user/${enc(expert.id)}/profile`);
  } catch (err) {
    if (!notFound(err)) throw err;
    await rest.post('/user/create', {
      profile: { id: expert.id, firstName: expert.name, lastName: '专家', email: expert.email },
    });
  }
  for (const groupId of [EXPERTS, ...groups]) {
    const members = await rest.get<unknown[]>(`/user?id=${enc(expert.id)}&memberOfGroup=${enc(groupId)}`);
    if (members.length === 0) await rest.put(`/group/${enc(groupId)}/members/${enc(expert.id)}`);
  }
}

/** The e-mail addresses of a group's members. */
export async function emailsOfGroup(rest: EngineRest, groupId: string): Promise<string[]> {
  const users = await rest.get<{ email: string | null }[]>(`/user?memberOfGroup=${enc(groupId)}`);
  return users.map((u) => u.email ?? '').filter((e) => e.includes('@'));
}
