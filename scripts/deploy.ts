// `npm run deploy`: deploys bpmn/ and forms/ (changed resources only) and the groups, accounts and
// authorizations to the engine at ENGINE_URL. Used by docker-compose and after editing a diagram.
// A deployment that changed anything is recorded in the audit trail with the deploying account.
import { loadConfig, required } from '../config/config.js';
import { runMain } from '../config/cli.js';
import { deployResources, projectResources } from '../camunda/deploy.js';
import { ensureIdentities } from '../camunda/identity.js';
import { engineRest } from '../camunda/rest.js';
import { recordDeployment } from '../store/audit.js';
import { openStore } from '../store/index.js';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const admin = { username: cfg.CAMUNDA_ADMIN_USER, password: required(cfg, 'CAMUNDA_ADMIN_PASSWORD') };
  const worker = { username: cfg.CAMUNDA_WORKER_USER, password: required(cfg, 'CAMUNDA_WORKER_PASSWORD') };
  const rest = engineRest(cfg.engineUrls, admin); // once, on whichever node answers (they share the database)
  // The store first: a deployment that cannot be put in the audit trail is not made.
  const db = await openStore({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.dataDir });
  let deployment;
  try {
    deployment = await deployResources(rest, projectResources(), 'npm-run-deploy');
    await recordDeployment(db, deployment, {
      actor: admin.username,
      via: '通过 npm run deploy ',
      source: 'npm-run-deploy',
    });
  } finally {
    await db.close();
  }
  const versions = Object.entries(deployment.newVersions);
  process.stdout.write(
    versions.length ? `已部署：${versions.map(([k, v]) => `${k} v${v}`).join('，')}\n` : '流程与表单无变化\n',
  );
  // The narrow identity account (issue 16 (4)) when its password is configured.
  const identity = cfg.CAMUNDA_IDENTITY_PASSWORD
    ? { username: cfg.CAMUNDA_IDENTITY_USER, password: cfg.CAMUNDA_IDENTITY_PASSWORD }
    : undefined;
  await ensureIdentities(rest, { worker, identity, adminPassword: admin.password });
  process.stdout.write('用户组与权限已就绪\n');
}

runMain(main);
