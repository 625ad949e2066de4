// The facts of one application the review stages need (its kind and e-mail), read from the engine's
// history of the award-application instance with that business key, as the workers' account.
import type { EngineRest } from '../../camunda/rest.js';
import type { ApplicantKind } from '../../domain/scoring.js';

export interface ApplicationFacts {
  applicantKind: ApplicantKind;
  applicantEmail?: string;
  applicantName?: string;
}

/** The applicant's kind, e-mail and name of the application `cycle-<year>/<id>`. */
export async function applicationFacts(rest: EngineRest, businessKey: string): Promise<ApplicationFacts> {
  const [instance] = await rest.get<{ id: string }[]>(
    `/history/process-instance?processDefinitionKey=award-application&processInstanceBusinessKey=${encodeURIComponent(businessKey)}`,
  );
  if (!instance) return { applicantKind: 'organization' };
  const vars = await rest.get<{ name: string; value: unknown }[]>(
    `/history/variable-instance?processInstanceId=${instance.id}&deserializeValues=false`,
  );
  const v = Object.fromEntries(vars.map((x) => [x.name, x.value]));
  const str = (name: string) =>
    typeof v[name] === 'string' && v[name] !== '' ? (v[name] as string) : undefined;
  return {
    applicantKind: str('applicantKind') === 'individual' ? 'individual' : 'organization',
    ...(str('applicantEmail') ? { applicantEmail: str('applicantEmail') } : {}),
    ...(str('applicantName') ? { applicantName: str('applicantName') } : {}),
  };
}
