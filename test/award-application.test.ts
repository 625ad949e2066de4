import { toVariables, type EngineRest } from '../camunda/rest.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';
import { endedAt, startApplication, tasksOf, waitForTask } from './support/application.js';

describe('award-application through the real engine', () => {
  let mail: MailAndWorkers;
  let office: EngineRest;
  let luodian: EngineRest;
  let wusong: EngineRest;

  beforeAll(async () => {
    mail = await startMailAndWorkers();
    office = await personRest('test-office', ['office']);
    luodian = await personRest('test-unit-luodian', ['recommender-luodian']);
    wusong = await personRest('test-unit-wusong', ['recommender-wusong']);
  });

  afterAll(async () => {
    const code = await mail.stop();
    // Graceful shutdown: SIGTERM ends the workers with exit code 0.
    expect(code).toBe(0);
  });

  const apply = (applicationId: string, email: string) =>
    startApplication(office, applicationId, { applicantEmail: email });

  it('sends the applicant a notice when the unit recommends', async () => {
    const instance = await apply('A-001', 'quality@jingmi.example.cn');
    // Then the business key follows the contract: <cycle key>/<application id>
    expect(instance.businessKey).toBe('cycle-2025/A-001');

    // And only the recommending unit's group sees the task, with its Chinese Camunda Form
    const tasks = await tasksOf(luodian, instance.id);
    // named with the applicant it is about and due within the BPMN parameter dueWithin (P10D)
    expect(tasks.map((t) => t.name)).toEqual(['签署推荐意见｜上海宝山精密制造有限公司']);
    const dueInDays = (Date.parse(tasks[0]!.due!) - Date.now()) / 86400000;
    expect(dueInDays).toBeGreaterThan(9.9);
    expect(dueInDays).toBeLessThan(10.1);
    expect(await tasksOf(wusong, instance.id)).toEqual([]);
    // (the OpenAPI description calls the deployed form a string; the engine serves the form's JSON)
    const form = (await luodian.get(`/task/${tasks[0]!.id}/deployed-form`)) as unknown as {
      id: string;
      components: { label?: string }[];
    };
    expect(form.id).toBe('recommendation');
    expect(form.components.map((c) => c.label)).toContain('推荐意见');

    // When the unit approves with an opinion
    await luodian.post(`/task/${tasks[0]!.id}/complete`, {
      variables: toVariables({
        recommendationDecision: 'approve',
        recommendationOpinion: '该企业质量管理成效显著，同意推荐。',
      }),
    });

    // Then exactly one e-mail reaches the applicant over SMTP, and the instance ends as recommended
    const notice = await mail.mailTo('quality@jingmi.example.cn');
    expect(notice.subject).toBe('【宝山区政府质量奖】申报已获推荐：上海宝山精密制造有限公司');
    expect(notice.text).toContain('罗店镇');
    expect(notice.text).toContain('该企业质量管理成效显著，同意推荐。');
    expect(notice.text).toContain('cycle-2025/A-001');
    // And the application goes on to the office's 资格审查 (Art. 18 (3))
    expect((await waitForTask(office, instance.id, 'Task_EligibilityReview')).name).toBe(
      '资格审查｜上海宝山精密制造有限公司',
    );
    expect(mail.received.filter((m) => m.to.includes('quality@jingmi.example.cn'))).toHaveLength(1);
  });

  it('ends on its own path with its own e-mail when the unit refuses', async () => {
    const instance = await apply('A-002', 'refused@jingmi.example.cn');
    const [task] = await tasksOf(luodian, instance.id);

    // When the unit refuses
    await luodian.post(`/task/${task!.id}/complete`, {
      variables: toVariables({ recommendationDecision: 'refuse', recommendationOpinion: '申报材料不完整。' }),
    });

    // Then the applicant is told, citing Art. 18 (2), and the instance ends as refused
    const notice = await mail.mailTo('refused@jingmi.example.cn');
    expect(notice.subject).toBe('【宝山区政府质量奖】申报未获推荐：上海宝山精密制造有限公司');
    expect(notice.text).toContain('第十八条第（二）项');
    expect(notice.text).toContain('申报材料不完整。');
    expect(await waitFor('the end of the instance', () => endedAt(instance.id))).toBe('End_Refused');
  });

  it('refuses anonymous and wrongly authenticated REST calls', async () => {
    const url = `${adminRest().baseUrl}/task`;
    expect((await fetch(url)).status).toBe(401);
    // (a wrong password would lock the account for a few seconds: the engine throttles log-ins)
    const bad = adminRest().as({ username: 'nobody', password: 'wrong' });
    await expect(bad.get('/task')).rejects.toMatchObject({ status: 401 });
  });

  it('lets a unit not complete another unit’s recommendation', async () => {
    const instance = await apply('A-003', 'other@jingmi.example.cn');
    const [task] = await tasksOf(luodian, instance.id);
    await expect(
      wusong.post(`/task/${task!.id}/complete`, {
        variables: toVariables({ recommendationDecision: 'approve', recommendationOpinion: '越权' }),
      }),
    ).rejects.toMatchObject({ status: expect.any(Number) });
    expect(await tasksOf(luodian, instance.id)).toHaveLength(1);
  });
});
