import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from './engine-process.js';
import type { EngineRest } from './rest.js';

export const DEPLOYMENT_NAME = 'baoshan-quality-award';

export interface Resource {
  name: string;
  content: string;
}

/** Every bpmn/*.bpmn and forms/*.form of the project, by file name. */
export function projectResources(root = ROOT_DIR): Resource[] {
  const read = (dir: string, ext: string) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => ({ name: f, content: fs.readFileSync(path.join(root, dir, f), 'utf8') }));
  return [...read('bpmn', '.bpmn'), ...read('forms', '.form')];
}

export interface DeploymentResult {
  id: string;
  /** Process definitions that got a new version with this deployment: key → version. */
  newVersions: Record<string, number>;
}

/**
 * Deploys the resources in one deployment. When nothing changed since the last deployment of the
 * same name, the engine creates nothing (a second `npm start` adds no version). When anything
 * changed, every resource goes into the new deployment: forms are bound to their process with
 * `camunda:formRefBinding="deployment"`, so a diagram must never be deployed without its forms.
 * A running instance keeps the version it started on.
 */
export async function deployResources(
  rest: EngineRest,
  resources: Resource[],
  source = 'npm-start',
): Promise<DeploymentResult> {
  const form = new FormData();
  form.append('deployment-name', DEPLOYMENT_NAME);
  form.append('deployment-source', source);
  form.append('enable-duplicate-filtering', 'true');
  for (const r of resources)
    form.append(r.name, new Blob([r.content], { type: 'application/octet-stream' }), r.name);
  const deployment = await rest.postForm('/deployment/create', form);
  const newVersions: Record<string, number> = {};
  for (const def of Object.values(deployment.deployedProcessDefinitions ?? {}))
    if (def.key && def.version != null) newVersions[def.key] = def.version;
  return { id: deployment.id ?? '', newVersions };
}
