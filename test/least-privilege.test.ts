import { IDENTITY_GROUP, WORKERS_GROUP } from '../camunda/identity.js';
import { engineRest, type EngineRest } from '../camunda/rest.js';
import { grantApplicationRead } from '../workers/shared/grants.js';
import {
  deleteGroup,
  ensureExpertUser,
  ensurePanelGroup,
  IdentityRefused,
} from '../workers/shared/identity.js';
import { adminRest, personRest } from './support/engine.js';

// Issue 16 (4), on the real engine: the workers' account cannot make anyone an administrator, and the
// narrow identity path forms panels and grants READ but nothing beyond.

const statusOf = (call: Promise<unknown>) =>
  call.then(
    () => 200,
    (err: { status?: number }) => err.status ?? 0,
  );

describe('least privilege of the service accounts', () => {
  let worker: EngineRest;
  let identity: EngineRest;
  const expert = {
    id: 'qa-lp-expert',
    name: '最小权限专家',
    yearsOfExperience: 10,
    trained: true,
    ethicsPledgeSigned: true,
    specialties: [],
    email: 'qa-lp-expert@example.cn',
    conflicts: [],
  };

  beforeAll(() => {
    const url = process.env.QA_ENGINE_REST_URL!;
    worker = engineRest(url, {
      username: process.env.QA_WORKER_USER!,
      password: process.env.QA_WORKER_PASSWORD!,
    });
    identity = engineRest(url, {
      username: process.env.QA_IDENTITY_USER!,
      password: process.env.QA_IDENTITY_PASSWORD!,
    });
  });

  afterAll(async () => {
    for (const path of ['/user/qa-lp-expert', '/user/qa-lp-intruder', '/group/panel-2093'] as const)
      await adminRest()
        .delete(path)
        .catch(() => undefined);
  });

  it("refuses the workers' account every step towards an administrator", async () => {
    // create a user
    expect(
      await statusOf(
        worker.post('/user/create', {
          profile: { id: 'qa-lp-intruder', firstName: 'x', lastName: 'x', email: 'x@example.cn' },
          credentials: { password: 'Intruder-Password-1' },
        }),
      ),
    ).toBe(403);
    // add itself (or anyone) to camunda-admin
    expect(await statusOf(worker.put(`/group/camunda-admin/members/${process.env.QA_WORKER_USER}`))).toBe(
      403,
    );
    // create any authorization, e.g. ALL on everything for its own group
    expect(
      await statusOf(
        worker.post('/authorization/create', {
          type: 1,
          groupId: WORKERS_GROUP,
          resourceType: 4,
          resourceId: '*',
          permissions: ['ALL'],
        }),
      ),
    ).toBe(403);
    // create or delete groups
    expect(
      await statusOf(worker.post('/group/create', { id: 'qa-lp-group', name: 'x', type: 'WORKFLOW' })),
    ).toBe(403);
    // and it is in no administrator group
    const groups = await worker.get(`/identity/groups?userId=${process.env.QA_WORKER_USER}`);
    expect((groups.groups ?? []).map((g) => g.id)).toEqual([WORKERS_GROUP]);
  });

  it('lets the narrow path form a panel and refuses camunda-admin, reserved ids and non-experts', async () => {
    // It forms a panel: the group and an expert in it
    await ensurePanelGroup(identity, 'panel-2093', '2093 年度评审专家组');
    await ensureExpertUser(identity, expert, ['panel-2093']);
    const members = await adminRest().get('/user?memberOfGroup=panel-2093');
    expect(members.map((m) => m.id)).toEqual([expert.id]);

    // It never touches camunda-admin or any group but panel-<year>
    await expect(ensurePanelGroup(identity, 'camunda-admin', 'x')).rejects.toBeInstanceOf(IdentityRefused);
    await expect(deleteGroup(identity, 'camunda-admin')).rejects.toBeInstanceOf(IdentityRefused);
    await expect(ensureExpertUser(identity, expert, ['camunda-admin'])).rejects.toBeInstanceOf(
      IdentityRefused,
    );
    await expect(ensureExpertUser(identity, expert, [IDENTITY_GROUP])).rejects.toBeInstanceOf(
      IdentityRefused,
    );
    // nor an expert id that is an account of the product, nor an existing person who is not an expert
    await expect(
      ensureExpertUser(identity, { ...expert, id: 'admin' }, ['panel-2093']),
    ).rejects.toBeInstanceOf(IdentityRefused);
    await personRest('qa-lp-office', ['office']);
    await expect(
      ensureExpertUser(identity, { ...expert, id: 'qa-lp-office' }, ['panel-2093']),
    ).rejects.toBeInstanceOf(IdentityRefused);
    const office = await adminRest().get('/user?memberOfGroup=panel-2093');
    expect(office.map((m) => m.id)).toEqual([expert.id]);

    // It grants READ only on award-application instances, only to experts
    const [other] = await adminRest().get('/history/process-instance?maxResults=1');
    if (other) {
      const [def] = await adminRest().get(`/history/process-instance?processInstanceId=${other.id}`);
      if (def!.processDefinitionKey !== 'award-application')
        await expect(grantApplicationRead(identity, expert.id, other.id)).rejects.toBeInstanceOf(
          IdentityRefused,
        );
    }
    await expect(grantApplicationRead(identity, 'qa-lp-office', 'no-such-instance')).rejects.toBeInstanceOf(
      IdentityRefused,
    );
    // and none of this made anyone an administrator
    const admins = await adminRest().get('/user?memberOfGroup=camunda-admin');
    expect(admins.map((a) => a.id)).toEqual([process.env.QA_ADMIN_USER]);

    // It dissolves the panel it formed
    expect(await deleteGroup(identity, 'panel-2093')).toBe(true);
  });
});
