import { funnelOf, stageOf, type CycleActivity } from './stages.js';

const act = (activityId: string, startTime: string, endTime: string | null = startTime): CycleActivity => ({
  activityId,
  startTime,
  endTime,
});
const accepted = {
  applicationId: 'A-1',
  state: 'COMPLETED',
  endActivityId: 'End_Accepted',
  openTaskKeys: [],
};

describe('stageOf', () => {
  it('names the stage of a running application from its open task', () => {
    expect(
      stageOf({ applicationId: 'A-1', state: 'ACTIVE', openTaskKeys: ['Task_Recommend'] }, undefined),
    ).toBe('recommendation');
    expect(stageOf({ applicationId: 'A-1', state: 'ACTIVE', openTaskKeys: [] }, undefined)).toBe(
      'eligibility',
    );
  });

  it('names where an application ended before the review', () => {
    expect(stageOf({ ...accepted, endActivityId: 'End_Rejected' }, undefined)).toBe('rejected');
    expect(stageOf({ ...accepted, endActivityId: 'End_Refused' }, undefined)).toBe('not-recommended');
    expect(stageOf({ ...accepted, state: 'EXTERNALLY_TERMINATED' }, undefined)).toBe('withdrawn');
  });

  it('follows the latest phase of the cycle for an accepted application', () => {
    const activities = [
      act('Task_OpenScoreSheets', '2041-01-01T00:00:00'),
      act('Task_RecordShortlist', '2041-02-01T00:00:00'),
      act('SubProcess_SiteVisit', '2041-02-02T00:00:00'),
      act('Task_CommitteeReview', '2041-03-01T00:00:00'),
      // the committee returned the list: the office adjusts it again
      act('Task_AdjustProposal', '2041-03-02T00:00:00', null),
    ];
    expect(stageOf(accepted, { activities: activities.slice(0, 1) })).toBe('document-review');
    expect(stageOf(accepted, { activities: activities.slice(0, 3), shortlisted: new Set(['A-1']) })).toBe(
      'site-review',
    );
    expect(
      stageOf(accepted, {
        activities: activities.slice(0, 3),
        shortlisted: new Set(['A-1']),
        evaluating: new Set(['A-1']),
      }),
    ).toBe('evaluation');
    expect(stageOf(accepted, { activities: activities.slice(0, 4), shortlisted: new Set(['A-1']) })).toBe(
      'committee',
    );
    expect(stageOf(accepted, { activities, shortlisted: new Set(['A-1']) })).toBe('evaluation');
    expect(stageOf(accepted, { activities: activities.slice(0, 3), shortlisted: new Set(['B-2']) })).toBe(
      'not-selected',
    );
  });

  it('ends at 获奖 or 未入选 once the awards are recorded', () => {
    const done = [
      act('Task_RecordDocument', '2041-05-01T00:00:00'),
      act('Task_RecordAwards', '2041-05-02T00:00:00'),
    ];
    expect(stageOf(accepted, { activities: done, awardList: new Set(['A-1']) })).toBe('awarded');
    expect(stageOf(accepted, { activities: done, awardList: new Set(['B-2']) })).toBe('not-selected');
    expect(
      stageOf(accepted, {
        activities: [act('Task_RecordDocument', '2041-05-01T00:00:00', null)],
        awardList: new Set(['A-1']),
      }),
    ).toBe('announcement');
  });
});

describe('funnelOf', () => {
  it('counts how far the applications got', () => {
    expect(
      funnelOf(['recommendation', 'not-recommended', 'eligibility', 'rejected', 'site-review', 'awarded'], {
        shortlisted: 2,
        proposed: 1,
      }).map((f) => `${f.label}${f.count}`),
    ).toEqual(['申报6', '获推荐4', '正式受理2', '进入现场评审2', '建议名单1', '获奖1']);
  });
});
