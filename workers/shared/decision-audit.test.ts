import { reviewFacts } from './decision-audit.js';

// Which decision and which corrected fields one 资格审查 task made, from the engine's variable updates.
describe('reviewFacts (issue 8 (5))', () => {
  const task = { startTime: '2026-11-28T10:00:00.000+0000', endTime: '2026-11-28T10:05:00.000+0000' };
  const at = (minute: number, second = 0) =>
    `2026-11-28T10:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}.000+0000`;

  it('names the decision, the reasons and each field whose value changed while the task was open', () => {
    const facts = reviewFacts(task, [
      { variableName: 'registrationDate', value: '2015-03-01', time: at(0, 0) },
      { variableName: 'applicantName', value: '甲公司', time: at(0, 0) },
      // set by the check worker in the same instant the task started: not the office's correction
      { variableName: 'eligibilityFailureCount', value: 1, time: at(0, 0) },
      { variableName: 'registrationDate', value: '2014-03-01', time: at(4) },
      { variableName: 'applicantName', value: '甲公司', time: at(4) },
      { variableName: 'reviewDecision', value: 'recheck', time: at(4) },
      { variableName: 'reviewReasons', value: '更正注册日期。', time: at(4) },
      // after the task: the next run's results
      { variableName: 'eligibilityFailureCount', value: 0, time: at(6) },
    ]);
    expect(facts).toEqual({
      decision: 'recheck',
      reasons: '更正注册日期。',
      corrected: [{ field: 'registrationDate', from: '2015-03-01', to: '2014-03-01' }],
      recused: false,
    });
  });

  it('reports no correction and no decision when nothing was set during the task', () => {
    expect(reviewFacts(task, [{ variableName: 'creditCode', value: 'x', time: at(0) }])).toEqual({
      decision: null,
      reasons: null,
      corrected: [],
      recused: false,
    });
  });

  it('reads a clerk’s recusal (Art. 26) as neither a decision nor a correction of the data', () => {
    const facts = reviewFacts(task, [
      { variableName: 'officeRecusal', value: false, time: at(0) },
      { variableName: 'officeRecusal', value: true, time: at(3) },
      { variableName: 'officeRecusalReason', value: '配偶在该公司任职。', time: at(3) },
      { variableName: 'officeRecusalBy', value: 'clerk-a', time: at(3) },
    ]);
    expect(facts).toEqual({ decision: null, reasons: null, corrected: [], recused: true });
  });

  it('counts a field first given during the task as corrected from null', () => {
    const facts = reviewFacts(task, [
      { variableName: 'reviewDecision', value: 'accept', time: at(3) },
      { variableName: 'licensesValid', value: true, time: at(3) },
    ]);
    expect(facts.decision).toBe('accept');
    expect(facts.corrected).toEqual([{ field: 'licensesValid', from: null, to: true }]);
  });

  it('ignores another task’s input parameters set in the instant the review ends (not the instance’s own data)', () => {
    const own = { processInstanceId: 'p1', activityInstanceId: 'p1' };
    const review = { ...task, activityInstanceId: 'Task_EligibilityReview:1' };
    const facts = reviewFacts(review, [
      { ...own, variableName: 'registrationDate', value: '2015-03-01', time: at(0) },
      // the notices' template, local to each notify task
      {
        processInstanceId: 'p1',
        activityInstanceId: 'Task_NotifyRecommended:1',
        variableName: 'mailTemplate',
        value: 'recommendation-approved',
        time: at(0),
      },
      // the office's decision and correction, set through the review task
      {
        processInstanceId: 'p1',
        activityInstanceId: 'Task_EligibilityReview:1',
        variableName: 'reviewDecision',
        value: 'accept',
        time: at(5),
      },
      {
        processInstanceId: 'p1',
        activityInstanceId: 'Task_EligibilityReview:1',
        variableName: 'registrationDate',
        value: '2014-03-01',
        time: at(5),
      },
      {
        processInstanceId: 'p1',
        activityInstanceId: 'Task_NotifyAccepted:2',
        variableName: 'mailTemplate',
        value: 'eligibility-accepted',
        time: at(5),
      },
    ]);
    expect(facts.decision).toBe('accept');
    expect(facts.corrected).toEqual([{ field: 'registrationDate', from: '2015-03-01', to: '2014-03-01' }]);
  });
});
