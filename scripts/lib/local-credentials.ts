import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/config.js';
import {
  COMMITTEE,
  DISTRICT_GOVERNMENT,
  EXPERTS,
  OFFICE,
  PROCESS_ADMINS,
  type UserSpec,
} from '../../camunda/identity.js';
import { DEPARTMENTS, departmentGroup } from '../../domain/departments.js';
import { RECOMMENDING_UNITS, recommenderGroup } from '../../domain/units.js';

export interface LocalCredentials {
  admin: { username: string; password: string };
  worker: { username: string; password: string };
  /** The narrow identity account (issue 16 (4)). */
  identity: { username: string; password: string };
  people: UserSpec[];
}

const secret = () => randomBytes(8).toString('hex');

/**
 * Local accounts for people trying the product on one machine: one per role and per unit. Names are
 * family name first: the webapps show `firstName lastName`, so Camunda's firstName holds the family
 * name (here the organization, 办公室) and lastName the given name (工作人员); the Chinese webapps label
 * the two fields 姓 and 名 (see docs/glossary.md).
 */
export function localPeople(): UserSpec[] {
  const person = (id: string, familyName: string, givenName: string, groups: string[]): UserSpec => ({
    id,
    firstName: familyName,
    lastName: givenName,
    email: `${id}@localhost`,
    password: secret(),
    groups,
  });
  return [
    person('office1', '办公室', '工作人员', [OFFICE]),
    person('committee1', '审定委员会', '委员', [COMMITTEE]),
    person('government1', '区政府', '审批人', [DISTRICT_GOVERNMENT]),
    person('expert1', '评审专家', '专家', [EXPERTS]),
    person('modeler1', '流程管理员', '管理员', [PROCESS_ADMINS]),
    ...RECOMMENDING_UNITS.map((u) => person(`unit-${u.id}`, u.name, '推荐人', [recommenderGroup(u.id)])),
    ...DEPARTMENTS.map((d) => person(`dept-${d.id}`, d.name, '经办人', [departmentGroup(d.id)])),
  ];
}

/**
 * Reads data/local-credentials.json, creating it with random passwords on the first start.
 * Passwords given in the environment win over the file. `created` tells whether to print them.
 */
export function loadLocalCredentials(
  dataDir: string,
  env: {
    adminUser: string;
    adminPassword?: string;
    workerUser: string;
    workerPassword?: string;
    identityUser?: string;
    identityPassword?: string;
  },
): { credentials: LocalCredentials; created: boolean; file: string } {
  const file = path.join(dataDir, 'local-credentials.json');
  let stored: LocalCredentials | undefined;
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as LocalCredentials;
  const credentials: LocalCredentials = {
    admin: { username: env.adminUser, password: env.adminPassword ?? stored?.admin.password ?? secret() },
    worker: { username: env.workerUser, password: env.workerPassword ?? stored?.worker.password ?? secret() },
    identity: {
      username: env.identityUser ?? 'identity',
      password: env.identityPassword ?? stored?.identity?.password ?? secret(),
    },
    // People added to the product since the file was written get accounts too.
    people: [
      ...(stored?.people ?? []),
      ...localPeople().filter((p) => !stored?.people.some((s) => s.id === p.id)),
    ],
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return { credentials, created: !stored, file };
}

export interface StartAccounts {
  admin: { username: string; password: string };
  worker: { username: string; password: string };
  identity: { username: string; password: string };
  people: UserSpec[];
  /** Where the local accounts are kept (development only), and whether they were just created. */
  file?: string;
  created: boolean;
}

/**
 * Issue 16 (5): in production the secrets come only from the environment (config refuses weak ones),
 * nothing is written to a file or printed, and no local demo account is created.
 */
export function startAccounts(cfg: Config): StartAccounts {
  if (cfg.NODE_ENV === 'production')
    return {
      admin: { username: cfg.CAMUNDA_ADMIN_USER, password: cfg.CAMUNDA_ADMIN_PASSWORD! },
      worker: { username: cfg.CAMUNDA_WORKER_USER, password: cfg.CAMUNDA_WORKER_PASSWORD! },
      identity: { username: cfg.CAMUNDA_IDENTITY_USER, password: cfg.CAMUNDA_IDENTITY_PASSWORD! },
      people: [],
      created: false,
    };
  const { credentials, created, file } = loadLocalCredentials(cfg.dataDir, {
    adminUser: cfg.CAMUNDA_ADMIN_USER,
    adminPassword: cfg.CAMUNDA_ADMIN_PASSWORD,
    workerUser: cfg.CAMUNDA_WORKER_USER,
    workerPassword: cfg.CAMUNDA_WORKER_PASSWORD,
    identityUser: cfg.CAMUNDA_IDENTITY_USER,
    identityPassword: cfg.CAMUNDA_IDENTITY_PASSWORD,
  });
  return { ...credentials, file, created };
}
