import { ensureTaskFilters } from '../camunda/filters.js';
import type { EngineRest } from '../camunda/rest.js';
import { startApplication, waitForTask } from './support/application.js';
import { adminRest, personRest } from './support/engine.js';

// Tasklist filters (issue 12 (3)) on the real engine, set up with the identities: each person's
// filters list only their own and their groups' tasks, so the office does not see a unit's task.
describe('Tasklist filters per person', () => {
  const filters = async (rest: EngineRest) => rest.get('/filter?resourceType=Task');
  const listed = async (rest: EngineRest, name: string) => {
    const f = (await filters(rest)).find((x) => x.name === name)!;
    return rest.post(`/filter/${f.id}/list?maxResults=1000`, {});
  };

  it('lists a unit’s task for the unit, not for the office, and sets up nothing twice', async () => {
    const office = await personRest('tf-office', ['office']);
    const unit = await personRest('tf-luodian', ['recommender-luodian']);
    // Given an application waiting for 罗店镇's recommendation
    const instance = await startApplication(office, 'TF-001', { applicantEmail: 'tf@example.cn' });
    const task = await waitForTask(adminRest(), instance.id, 'Task_Recommend');

    // Then both see the four Chinese filters
    for (const rest of [office, unit])
      expect((await filters(rest)).map((f) => f.name)).toEqual(
        expect.arrayContaining(['我的待办', '本组待办', '已逾期', '全部任务']),
      );
    // And the unit's 本组待办 and 全部任务 list the task, the office's do not
    expect((await listed(unit, '本组待办')).map((t) => t.id)).toContain(task.id);
    expect((await listed(unit, '全部任务')).map((t) => t.id)).toContain(task.id);
    expect((await listed(unit, '我的待办')).map((t) => t.id)).not.toContain(task.id);
    for (const name of ['本组待办', '全部任务', '我的待办', '已逾期'])
      expect((await listed(office, name)).map((t) => t.id)).not.toContain(task.id);

    // When the unit claims it, it moves to its 我的待办
    await unit.post(`/task/${task.id}/claim`, { userId: 'tf-luodian' });
    expect((await listed(unit, '我的待办')).map((t) => t.id)).toContain(task.id);

    // And setting the filters up again changes nothing
    expect(await ensureTaskFilters(adminRest())).toEqual([]);
  });
});
