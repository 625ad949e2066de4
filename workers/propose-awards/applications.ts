// The facts of one application the decision phase needs (contact, identifiers, recommending unit),
// read from the engine's history of the award-application instance with that business key.
import type { EngineRest } from '../../camunda/rest.js';

export interface ApplicationRecord {
  applicantKind: 'organization' | 'individual';
  applicantEmail?: string;
  creditCode?: string;
  idNumber?: string;
  recommendingUnit?: string;
}

/** The award-application variables of the application `cycle-<year>/<id>`; empty when unknown. */
export async function applicationRecord(rest: EngineRest, businessKey: string): Promise<ApplicationRecord> {
  const [instance] = await rest.get<{ id: string }[]>(
    `/history/process-instance?processDefinitionKey=award-application&processInstanceBusinessKey=${encodeURIComponent(businessKey)}`,
  );
  if (!instance) return { applicantKind: 'organization' };
  const vars = await rest.get<{ name: string; value: unknown }[]>(
    `/history/variable-instance?processInstanceId=${instance.id}&deserializeValues=false`,
  );
  const v = Object.fromEntries(vars.map((x) => [x.name, x.value]));
  const str = (name: string) =>
    typeof v[name] === 'string' && (v[name] as string).trim() !== '' ? (v[name] as string).trim() : undefined;
  const kind = str('applicantKind') === 'individual' ? 'individual' : 'organization';
  const email = str('applicantEmail');
  const creditCode = kind === 'organization' ? str('creditCode') : undefined;
  const idNumber = kind === 'individual' ? str('idNumber') : undefined;
  const unit = str('recommendingUnit');
  return {
    applicantKind: kind,
    ...(email ? { applicantEmail: email } : {}),
    ...(creditCode ? { creditCode } : {}),
    ...(idNumber ? { idNumber } : {}),
    ...(unit ? { recommendingUnit: unit } : {}),
  };
}
