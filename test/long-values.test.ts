// No value is limited by the engine's 4000-character String column (issue 18 item 2, issue 16 item 7):
// the largest values the 办法 and the forms allow — 15 awards, a 200-application ranking with reports,
// 5,000-character reasons — travel through a worker, a BPMN expression, the history and the form
// variables Tasklist reads, whole and with their types.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { z } from 'zod';
import type { AwardEntry } from '../domain/awards.js';
import { formatAwardLines } from '../domain/awards.js';
import { awardListText } from '../domain/decision.js';
import { reviewSummaryText } from '../workers/propose-awards/index.js';
import { startWorkerRuntime, type WorkerRuntime } from '../workers/runtime.js';
import { complete, defineWorker, type WorkerDeps } from '../workers/worker.js';
import { adminRest, waitFor } from './support/engine.js';

const rest = adminRest();
const key = `qa-long-values-${randomUUID().slice(0, 8)}`;
const topic = `${key}-produce`;

const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://baoshan.gov.cn/test">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="produce" camunda:type="external" camunda:topic="${topic}" />
    <bpmn:exclusiveGateway id="long" default="toShort" />
    <bpmn:userTask id="Task_Read" name="阅读长文本" camunda:formRef="${key}-read" camunda:formRefBinding="deployment" />
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="endShort" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="produce" />
    <bpmn:sequenceFlow id="f2" sourceRef="produce" targetRef="long" />
    <bpmn:sequenceFlow id="toLong" sourceRef="long" targetRef="Task_Read">
      <bpmn:conditionExpression>\${reviewSummaryText.length() &gt; 4000 &amp;&amp; objectionReason.length() == 5000 &amp;&amp; S(awards).elements().size() == 15}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="toShort" sourceRef="long" targetRef="endShort" />
    <bpmn:sequenceFlow id="f3" sourceRef="Task_Read" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const REPORT = '现场评审发现：领导作用、战略管理、顾客与市场、资源管理、过程管理等方面表现突出。'.repeat(6);
const ranking = Array.from({ length: 200 }, (_, i) => ({
  rank: i + 1,
  applicationId: `cycle-2031/A${String(i + 1).padStart(3, '0')}`,
  applicantName: `上海宝山第${i + 1}精密制造有限公司`,
  applicantKind: 'organization' as const,
  documentScore: 900 - i,
  maxTotal: 1000,
  shortlisted: i < 40,
  ...(i < 40 ? { siteScore: 880 - i, siteReport: REPORT, evaluationReport: REPORT } : {}),
}));
const awards: AwardEntry[] = Array.from({ length: 15 }, (_, i) => ({
  applicationId: ranking[i]!.applicationId,
  category: i % 2 === 0 ? 'model' : 'achievement',
  awardClass: i < 3 ? 'district-head' : 'gold',
  applicantName: ranking[i]!.applicantName,
  applicantKind: 'organization',
  prize: i < 3 ? 300000 : 100000,
}));
const REASON =
  `${'该单位近三年内发生过重大质量安全事故，不符合第十四条的规定，请予核查。'.repeat(200)}`.slice(0, 5000);

let runtime: WorkerRuntime | undefined;
afterAll(async () => {
  await runtime?.stop();
});

test('15 awards, a 200-application ranking and a 5,000-character reason pass worker, expression, history and form', async () => {
  const summaryText = reviewSummaryText(ranking);
  const awardsText = awardListText(awards);
  const awardsLines = formatAwardLines(awards);
  expect(summaryText.length).toBeGreaterThan(20000); // far past the 4000-character column
  // The task's form declares the two fields it submits (the engine refuses any other variable).
  const deployment = new FormData();
  deployment.append('deployment-name', key);
  deployment.append(`${key}.bpmn`, new Blob([DIAGRAM], { type: 'application/xml' }), `${key}.bpmn`);
  const readForm = {
    id: `${key}-read`,
    type: 'default',
    schemaVersion: 16,
    components: [
      { type: 'textarea', key: 'awardsLines', label: '名单', id: 'f_awardsLines' },
      { type: 'textarea', key: 'reviewSummaryText', label: '评审汇总', id: 'f_reviewSummaryText' },
    ],
  };
  deployment.append(`${key}-read.form`, new Blob([JSON.stringify(readForm)]), `${key}-read.form`);
  await rest.postForm('/deployment/create', deployment);
  const worker = defineWorker({
    topic,
    title: '生成长文本',
    input: z.object({ objectionReason: z.string() }),
    errorCodes: [],
    variables: ['objectionReason'],
    handler: async (input) =>
      complete({
        reviewSummary: ranking,
        reviewSummaryText: summaryText,
        awards,
        awardsText,
        awardsLines,
        echoedReason: input.objectionReason,
      }),
  });
  runtime = startWorkerRuntime([worker], {} as WorkerDeps, {
    engineUrl: rest.baseUrl,
    username: process.env.QA_ADMIN_USER!,
    password: process.env.QA_ADMIN_PASSWORD!,
    workerId: `${key}-worker`,
    maxParallelExecutions: 4,
    lockDurationMs: 60000,
    longPollMs: 5000,
    retry: { retries: 0, baseMs: 1000 },
    log: pino({ level: 'silent' }),
  });
  // A 5,000-character String set over REST, as POST /api/objections and Tasklist forms do
  const instance = await rest.post(`/process-definition/key/${key}/start`, {
    variables: { objectionReason: { value: REASON, type: 'String' } },
  });
  // The gateway's expression read the long String and the Json list: the task for long values is there
  const task = await waitFor('the task after the gateway', async () => {
    const tasks = await rest.get(`/task?processInstanceId=${instance.id}`);
    return tasks[0];
  });
  expect(task.taskDefinitionKey).toBe('Task_Read');

  // What Tasklist's form reads: every value whole, texts as String, lists as Json
  const form = await rest.get(`/task/${task.id}/form-variables?deserializeValues=false`);
  expect(form.reviewSummaryText).toEqual({ type: 'String', value: summaryText, valueInfo: {} });
  expect(form.awardsText).toMatchObject({ type: 'String', value: awardsText });
  expect(form.awardsLines).toMatchObject({ type: 'String', value: awardsLines });
  expect(form.objectionReason).toMatchObject({ type: 'String', value: REASON });
  expect(form.echoedReason).toMatchObject({ type: 'String', value: REASON });
  expect(form.awards!.type).toBe('Json');
  expect(JSON.parse(form.awards!.value as string)).toEqual(awards);
  expect(JSON.parse(form.reviewSummary!.value as string)).toHaveLength(200);

  // A form submits the long text back (the office edits the list lines); a short value replaces a long one
  const edited = `${awardsLines}\n${'备注：已核对。'.repeat(700)}`;
  await rest.post(`/task/${task.id}/submit-form`, {
    variables: {
      awardsLines: { value: edited, type: 'String' },
      reviewSummaryText: { value: '已阅', type: 'String' },
    },
  });
  await waitFor('the instance to end', async () => {
    const h = await rest.get(`/history/process-instance/${instance.id}`);
    return h.state === 'COMPLETED';
  });
  const history = await rest.get(
    `/history/variable-instance?processInstanceId=${instance.id}&deserializeValues=false`,
  );
  const byName = Object.fromEntries(history.map((v) => [v.name, v]));
  expect(byName.awardsLines).toMatchObject({ type: 'String', value: edited });
  expect(byName.reviewSummaryText).toMatchObject({ type: 'String', value: '已阅' });
  expect(byName.objectionReason).toMatchObject({ type: 'String', value: REASON });
}, 120000);
