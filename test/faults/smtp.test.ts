import { freePort } from '../../camunda/engine-process.js';
import type { EngineRest } from '../../camunda/rest.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import { completeTask, startApplication, waitForTask } from '../support/application.js';
import {
  adminRest,
  personRest,
  startWorkersProcess,
  waitFor,
  type WorkersProcess,
} from '../support/engine.js';

// Issue 8 (2): SMTP unreachable for a while. Notifications retry with growing delays, become an
// incident with a readable Chinese message when the retries run out, and after SMTP returns and the
// office resolves the incident the message arrives exactly once and the instance moves on.

interface LogLine {
  time: string;
  msg: string;
  outcome?: string;
  retries?: number;
  retryInMs?: number;
  topic?: string;
  processInstanceId?: string;
}

const logLines = (output: string): LogLine[] =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

describe('SMTP unreachable for a while', () => {
  let port: number;
  let workers: WorkersProcess;
  let sink: SmtpSink | undefined;
  let office: EngineRest;
  let unit: EngineRest;
  const received: ReceivedMail[] = [];
  const instances: string[] = [];

  beforeAll(async () => {
    // Given a port on which nothing listens (yet), and workers that retry twice, from 1.5 s on (long
    // enough that the up-to-1-s poll jitter cannot hide the doubling)
    port = await freePort();
    workers = startWorkersProcess({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      WORKER_RETRIES: '2',
      WORKER_RETRY_BASE_MS: '1500',
      WORKER_LONG_POLL_MS: '1000',
    });
    office = await personRest('fault-smtp-office', ['office']);
    unit = await personRest('fault-smtp-luodian', ['recommender-luodian']);
  });

  afterAll(async () => {
    await workers.stop();
    await sink?.close();
    // Nothing of this file may be left for the next file's workers.
    for (const id of instances)
      await adminRest()
        .delete(`/process-instance/${id}?skipCustomListeners=true`)
        .catch(() => undefined);
  });

  it('retries with growing delays, raises a readable incident, then delivers exactly once', async () => {
    // Given an application the unit recommends, so the applicant must be notified
    const instance = await startApplication(office, 'F-SMTP-1', { applicantEmail: 'smtp-fault@example.cn' });
    instances.push(instance.id);
    const task = await waitForTask(unit, instance.id, 'Task_Recommend');
    await completeTask(unit, task.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意推荐。',
    });

    // When SMTP cannot be reached, an incident appears after the retries run out
    const admin = adminRest();
    const [incident] = await waitFor(
      'the incident',
      async () => {
        const list = await admin.get(`/incident?processInstanceId=${instance.id}`);
        return list.length > 0 && list;
      },
      30000,
    ).catch((err: unknown) => {
      process.stdout.write(workers.output().slice(-3000));
      throw err;
    });
    // then its message is readable, in Chinese, naming the recipient
    expect(incident!.incidentType).toBe('failedExternalTask');
    expect(incident!.incidentMessage).toContain('邮件发送失败');
    expect(incident!.incidentMessage).toContain('smtp-fault@example.cn');
    expect(incident!.incidentMessage).toContain('发送通知');

    // and the workers retried twice with growing delays before giving up
    const failures = logLines(workers.output()).filter(
      (l) => l.processInstanceId === instance.id && (l.outcome === 'retry' || l.outcome === 'incident'),
    );
    expect(failures.map((l) => l.outcome)).toEqual(['retry', 'retry', 'incident']);
    expect(failures.map((l) => l.retries)).toEqual([2, 1, 0]);
    expect(failures.map((l) => l.retryInMs).slice(0, 2)).toEqual([1500, 3000]);
    const at = failures.map((l) => Date.parse(l.time));
    const gaps = [at[1]! - at[0]!, at[2]! - at[1]!];
    // (the engine hands the task out again after the retry timeout; the poll adds up to a second)
    expect(gaps[0]).toBeGreaterThanOrEqual(1500);
    expect(gaps[1]).toBeGreaterThanOrEqual(3000);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    process.stdout.write(
      `SMTP fault: failures ${failures.length}, gaps between attempts ${gaps.join(', ')} ms\n`,
    );

    // When SMTP comes back on that port and the office resolves the incident by granting a retry
    sink = await startSmtpSink(port, (mail) => void received.push(mail));
    const [externalTask] = await admin.get(`/external-task?processInstanceId=${instance.id}`);
    expect(externalTask!.retries).toBe(0);
    await admin.put(`/external-task/${externalTask!.id}/retries`, { retries: 1 });

    // then the notice arrives, and the instance goes on to 资格审查
    await waitForTask(office, instance.id, 'Task_EligibilityReview');
    const toApplicant = received.filter((m) => m.to.includes('smtp-fault@example.cn'));
    expect(toApplicant.map((m) => m.subject)).toEqual([
      '【宝山区政府质量奖】申报已获推荐：上海宝山精密制造有限公司',
    ]);
    expect(await admin.get(`/incident?processInstanceId=${instance.id}`)).toEqual([]);
    // and it stays one message (no late retry sends it again)
    await new Promise((r) => setTimeout(r, 2000));
    expect(received.filter((m) => m.to.includes('smtp-fault@example.cn'))).toHaveLength(1);
  });
});
