// TEMPORARY (helper A): checks the award-proposal form's dynamic list in the real Tasklist. Deleted after the run.
import fs from 'node:fs';
import path from 'node:path';
import { deployResources } from '../camunda/deploy.js';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { toVariables } from '../camunda/rest.js';
import { launchBrowser } from './support/browser.js';
import { adminRest, personRest } from './support/engine.js';

const xml = (key: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="T" name="${name}" camunda:formRef="${key}" camunda:formRefBinding="deployment" camunda:candidateGroups="office"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="T2" name="后续" camunda:candidateGroups="office"><bpmn:incoming>F2</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" />
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="T2" />
  </bpmn:process>
</bpmn:definitions>`;

it('edits the award list in Tasklist', async () => {
  const admin = adminRest();
  const base = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'forms', 'award-proposal.form'), 'utf8'));
  const variants: Record<string, unknown> = {
    'zz-a': { ...base, id: 'zz-a' },
    'zz-b': {
      ...base,
      id: 'zz-b',
      components: base.components.map((c: { type: string; components?: { validate?: unknown }[] }) =>
        c.type === 'dynamiclist' ? { ...c, components: c.components!.map(({ validate: _v, ...rest }) => rest) } : c,
      ),
    },
    'zz-c': { ...base, id: 'zz-c', components: base.components.filter((c: { type: string }) => c.type !== 'dynamiclist') },
    'zz-d': {
      ...base,
      id: 'zz-d',
      components: base.components.filter((c: { type: string; disabled?: boolean }) => c.type === 'dynamiclist' || c.type === 'text'),
    },
  };
  await personRest('zz-office', ['office']);
  const awards = [
    { applicationId: 'cycle-2033/D-001', applicantName: '一号', applicantKind: 'organization', category: 'model', awardClass: 'district-head', prize: 500000, score: 900 },
  ];
  for (const [key, form] of Object.entries(variants)) {
    await deployResources(admin, [{ name: `${key}.bpmn`, content: xml(key, `任务${key}`) }, { name: `${key}.form`, content: JSON.stringify(form) }], key);
    await admin.post('/process-definition/key/' + key + '/start', {
      variables: toVariables({ awards, awardsText: '名单文本', year: '2033', quotaViolationsText: '超过第七条名额：测试' }),
    });
  }
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(admin.baseUrl.replace(/\/engine-rest$/, '/camunda/app/tasklist/'));
    await page.fill('input[type=text]', 'zz-office');
    await page.fill('input[type=password]', 'pw-zz-office');
    await page.click('button[type=submit]');
    for (const key of Object.keys(variants)) {
      await page.click(`text=任务${key}`);
      await page.click('button:has-text("Claim")');
      await page.waitForSelector('.fjs-form');
      await new Promise((r) => setTimeout(r, 3000));
      const disabled = await page.locator('button:has-text("Complete")').isDisabled();
      console.log(key, 'complete disabled:', disabled);
      if (key === 'zz-a') await page.screenshot({ path: '/tmp/helperA/zz-a.png', fullPage: true });
    }
  } finally {
    await browser.close();
  }
}, 300_000);
