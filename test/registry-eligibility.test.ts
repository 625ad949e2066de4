import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../camunda/engine-process.js';
import type { EngineRest } from '../camunda/rest.js';
import { completeTask, endedAt, startApplication, variable, waitForTask } from './support/application.js';
import { personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// The office imports last cycle's winner list; an individual who was eligible before the import is
// not after it (Art. 16 ¶1 cool-down), and the rejection names Art. 16.
describe('a registry import changes the outcome of 资格审查', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-registry-'));
  let mail: MailAndWorkers;
  let office: EngineRest;
  let unit: EngineRest;

  beforeAll(async () => {
    mail = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('rg-office', ['office']);
    unit = await personRest('rg-gucun', ['recommender-gucun']);
  });
  afterAll(async () => {
    await mail.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes a previously eligible individual ineligible and the rejection cites Art. 16', async () => {
    // Given an individual quality manager who meets every automatic condition
    const instance = await startApplication(office, 'R-001', {
      applicantKind: 'individual',
      applicantName: '李质量',
      creditCode: null,
      idNumber: '310113198005121239',
      worksInBaoshan: true,
      contributesToBaoshan: false,
      qualityWorkSince: '2010-09-01',
      seriousViolation: false,
      recommendingUnit: 'gucun',
      applicantEmail: 'li@example.cn',
    });
    const recommend = await waitForTask(unit, instance.id, 'Task_Recommend');
    await completeTask(unit, recommend.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意推荐。',
    });
    const review = await waitForTask(office, instance.id, 'Task_EligibilityReview');
    expect(await variable(instance.id, 'eligibilityFailureCount')).toBe(0);
    expect(await variable(instance.id, 'category')).toBe('achievement');

    // When the office imports the 2024 district winners, in which this person appears
    // (the embedded store belongs to one process: the workers stop while the import runs)
    await mail.restartWorkers(() => {
      const file = path.join(dataDir, '2024-winners.csv');
      fs.writeFileSync(
        file,
        'kind,idNumber,name,level,category,year,title\n' +
          'award,310113198005121239,李质量,district,achievement,2024,宝山区质量金奖（先进质量管理成果）\n',
      );
      const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/registry-import.ts', file], {
        cwd: ROOT_DIR,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATA_DIR: dataDir,
          // Imports act for an office or admin account the engine checks (issue 8 (4)).
          ENGINE_URL: process.env.QA_ENGINE_REST_URL,
          OPERATOR_USER: process.env.QA_ADMIN_USER,
          OPERATOR_PASSWORD: process.env.QA_ADMIN_PASSWORD,
        },
        encoding: 'utf8',
      });
      expect(imported.stderr).toBe('');
      expect(imported.status).toBe(0);
    });

    // And asks for the check again
    await completeTask(office, review.id, {
      reviewDecision: 'recheck',
      reviewReasons: '已导入 2024 年获奖名单。',
    });
    const again = await waitForTask(office, instance.id, 'Task_EligibilityReview');
    expect(again.id).not.toBe(review.id);

    // Then Art. 16 ¶1 fails, and the rejection notice says so
    expect(await variable(instance.id, 'eligibilityFailureCount')).toBe(1);
    expect(await variable(instance.id, 'eligibilityFindingsText')).toContain('第十六条第一款');
    await completeTask(office, again.id, {
      reviewDecision: 'reject',
      reviewReasons: '获奖后三年内不得申报同一类奖项。',
    });
    const notice = await mail.mailTo('li@example.cn', '【宝山区政府质量奖】申报未通过资格审查');
    expect(notice.text).toContain('先进质量管理成果');
    expect(notice.text).toContain('不符合第十六条第一款');
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Rejected');
  });
});
