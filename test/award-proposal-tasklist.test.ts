import fs from 'node:fs';
import path from 'node:path';
import { deployResources } from '../camunda/deploy.js';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { toVariables } from '../camunda/rest.js';
import { formatAwardLines, type AwardEntry } from '../domain/awards.js';
import { launchBrowser, logInTasklist } from './support/browser.js';
import { adminRest, personRest, waitFor } from './support/engine.js';

// The office's 调整建议名单 form (award-proposal) in the real Camunda Tasklist: the list the workers
// wrote as lines (one award per line) is shown, edited and submitted (Tasklist keeps 完成 disabled for
// a form-js dynamic list, so the list is a textarea; check-quotas reads the lines back, see its unit
// test). A one-task process of its own binds the project's form.
const KEY = 'award-proposal-form-check';
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_ProposalForm" targetNamespace="http://baoshan.gov.cn/quality-award">
  <bpmn:process id="${KEY}" name="建议名单表单检查" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_AdjustProposal" name="调整建议名单（表单检查）" camunda:formRef="award-proposal" camunda:formRefBinding="deployment" camunda:candidateGroups="office"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="Task_Next" name="后续" camunda:candidateGroups="office"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_AdjustProposal" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_AdjustProposal" targetRef="Task_Next" />
  </bpmn:process>
</bpmn:definitions>`;

describe('the award-proposal form in Camunda Tasklist', () => {
  it('shows the list with the violations and submits the edited list', async () => {
    // Given a proposal task with a list that broke Art. 7
    const admin = adminRest();
    const form = fs.readFileSync(path.join(ROOT_DIR, 'forms', 'award-proposal.form'), 'utf8');
    await deployResources(
      admin,
      [
        { name: `${KEY}.bpmn`, content: XML },
        { name: 'award-proposal.form', content: form },
      ],
      KEY,
    );
    await personRest('ui-proposal-office', ['office']);
    const awards: AwardEntry[] = [
      {
        applicationId: 'cycle-2033/D-001',
        category: 'model',
        awardClass: 'district-head',
        prize: 500000,
        applicantName: '一号',
        applicantKind: 'organization',
      },
    ];
    const instance = await admin.post(`/process-definition/key/${KEY}/start`, {
      variables: toVariables({
        awardsLines: formatAwardLines(awards),
        awardsLinesShown: formatAwardLines(awards),
        awardsText: '区长质量奖（先进质量管理模式）：\n  1. 一号（cycle-2033/D-001），奖金 500000 元',
        year: '2033',
        quotaViolationsText: '超过第七条名额：区长质量奖先进质量管理模式不超过 2 个，实际 3 个',
      }),
    });
    const browser = await launchBrowser();
    try {
      // When the office opens it in Tasklist
      const page = await logInTasklist(browser, 'ui-proposal-office');
      await page.click('text=本组待办');
      await page.click('text=调整建议名单（表单检查）');
      await page.click('button:has-text("认领")');
      // Then it sees the violation and the list it may edit
      const violations = page.locator('textarea[id$="-quotaViolationsTextView"]');
      await violations.waitFor();
      expect(await violations.inputValue()).toContain('超过第七条名额');
      const list = page.locator('textarea[id$="-awardsLines"]');
      expect(await list.inputValue()).toBe(formatAwardLines(awards));
      // When it lowers the prize and completes
      await list.fill((await list.inputValue()).replace('500000', '400000'));
      await page.click('button:has-text("完成")', { timeout: 15000 });
      // Then the edited lines are the task's `awardsLines`
      const value = await waitFor('the completed task', async () => {
        const next = await admin.get(`/task?processInstanceId=${instance.id}&taskDefinitionKey=Task_Next`);
        return (
          next.length === 1 &&
          (await admin.get(`/process-instance/${instance.id}/variables/awardsLines?deserializeValue=false`))
        );
      });
      expect(value.value).toBe(formatAwardLines([{ ...awards[0]!, prize: 400000 }]));
    } finally {
      await browser.close();
      await admin.delete(`/process-instance/${instance.id}?skipCustomListeners=true`).catch(() => undefined);
    }
  }, 120_000);
});
