// What the review workers of a cycle share: the BPMN error of a panel that cannot be staffed and the
// office's text of the teams.

/** Art. 26: no valid plan; assign-reviewers and record-declaration throw it, the diagram catches it. */
export const ASSIGNMENT_INFEASIBLE = 'assignment-infeasible';

/** The lines of the teams for the office: one per application. */
export function teamsText(
  assignments: { applicationId: string; applicantName: string; expertId: string; lead: boolean }[],
): string {
  const byApplication = new Map<string, string[]>();
  for (const a of assignments) {
    const line = byApplication.get(`${a.applicationId}（${a.applicantName}）`) ?? [];
    line.push(a.lead ? `${a.expertId}【组长】` : a.expertId);
    byApplication.set(`${a.applicationId}（${a.applicantName}）`, line);
  }
  return [...byApplication].map(([app, experts]) => `${app}：${experts.join('、')}`).join('\n');
}
