import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { deployResources, projectResources } from '../../camunda/deploy.js';
import { ROOT_DIR } from '../../camunda/engine-process.js';
import { PROCESS_ADMINS } from '../../camunda/identity.js';
import {
  engineRest,
  type EngineDto,
  type EngineRest,
  type EngineUrls,
  type Present,
} from '../../camunda/rest.js';
import { diagramFacts } from '../../bpmn/consistency.js';
import { lintXml } from '../../bpmn/lint/index.js';
import { loadTemplates, projectContext } from '../../bpmn/lint/project.js';
import { ensureModelerBundle, MODELER_DIST } from '../../modeler/build.js';
import { recordDeployment } from '../../store/audit.js';
import type { Db } from '../../store/index.js';
import { rateLimit } from 'express-rate-limit';
import {
  clientIp,
  credentials,
  engineError,
  engineVerifier,
  type EngineAuth,
  type Principal,
  type Verifier,
} from '../auth.js';
import {
  errorHandler,
  HttpError,
  parseRequest,
  RequestValidationError,
  requireJsonBody,
} from '../validation.js';
import { checkBpmn, diffDiagrams, NotBpmnError } from './modeler-diff.js';

// The modeler (issue 7): the page, its bundle, the project's diagrams and element templates,
// the engine's deployed versions, lint, compare and deploy. People act with their own engine
// credentials (HTTP Basic from the page); only process-admins may deploy.

export interface ModelerDeps {
  /** …/engine-rest (every node's, given several) */
  engineUrl: EngineUrls;
  /** project folder with bpmn/, bpmn/element-templates/ and forms/ (the repository by default) */
  root?: string;
  /** The store for the audit trail of deploys (issue 8 (5)); without it nothing is recorded. */
  db?: Db;
  /**
   * How people sign in: the server's guarded verifier (throttling, service accounts refused), or a
   * test verifier; by default the engine at engineUrl, unguarded.
   */
  auth?: EngineAuth;
  /** Lint requests per minute and client IP (the lint is CPU work: bounded). */
  lintPerMinute?: number;
}

/** Default of ModelerDeps.lintPerMinute. */
export const LINT_PER_MINUTE = 30;

interface Diagram {
  key: string;
  name: string;
  file: string;
}

/** Largest JSON body of a modeler request (a diagram with its XML); README, "Size limits". */
export const MODELER_JSON_LIMIT = '5mb';

const ProcessKey = z.string().regex(/^[A-Za-z_][\w.-]*$/, '流程标识不合法');
const DiagramBody = z.object({ process: ProcessKey, xml: z.string().min(1, '缺少 BPMN 内容') });
const LintBody = z.object({ xml: z.string().min(1, '缺少 BPMN 内容') });

/** A deployed definition: the engine always fills its id, key and version. */
type DefinitionDto = Present<EngineDto<'ProcessDefinitionDto'>, 'id' | 'key' | 'version'>;

/** The project's diagrams: one entry per executable process of each bpmn/*.bpmn. */
function listDiagrams(root: string): Diagram[] {
  const dir = path.join(root, 'bpmn');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort()
    .flatMap((file) => {
      const xml = fs.readFileSync(path.join(dir, file), 'utf8');
      return [...xml.matchAll(/<(?:\w+:)?process\s[^>]*>/g)].map((m) => ({
        key: /\sid="([^"]+)"/.exec(m[0])?.[1] ?? '',
        name: /\sname="([^"]+)"/.exec(m[0])?.[1] ?? '',
        file,
      }));
    })
    .filter((d) => d.key);
}

/** The user's engine client after the engine checked the credentials; with admin, also that they are a process-admin. */
async function engineUser(
  engineUrl: EngineUrls,
  req: Request,
  opts: { admin: boolean; verify: Verifier; what?: string },
): Promise<{ rest: EngineRest; principal: Principal }> {
  const user = credentials(req);
  const rest = engineRest(engineUrl, user);
  const principal = await opts.verify(user, clientIp(req));
  if (opts.admin && !principal.groups.includes(PROCESS_ADMINS))
    throw new HttpError(403, {
      error: 'forbidden',
      message: `只有流程管理员（${PROCESS_ADMINS} 组）可以${opts.what ?? '部署流程'}；${user.username} 不是该组成员`,
    });
  return { rest, principal };
}

async function definitions(rest: EngineRest, key: string): Promise<DefinitionDto[]> {
  try {
    return (await rest.get(
      `/process-definition?key=${encodeURIComponent(key)}&sortBy=version&sortOrder=desc`,
    )) as DefinitionDto[];
  } catch (err) {
    return engineError(err);
  }
}

const page = (title: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="stylesheet" href="/modeler/assets/modeler.css">
</head>
<body>
<div id="app"></div>
<script type="module" src="/modeler/assets/modeler.js"></script>
</body>
</html>
`;

type Handler = (req: Request, res: Response) => Promise<void> | void;
const wrap =
  (handler: Handler) =>
  (req: Request, res: Response, next: NextFunction): void => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch(next);
  };

/** The modeler page and its API, mounted at the root (GET /modeler?process=<key>). */
export function modelerRouter(deps: ModelerDeps): Router {
  const root = deps.root ?? ROOT_DIR;
  const router = express.Router();
  const verify: Verifier =
    typeof deps.auth === 'function' ? deps.auth : engineVerifier(deps.auth ?? deps.engineUrl);
  router.use('/modeler', requireJsonBody, express.json({ limit: MODELER_JSON_LIMIT }));

  const diagram = (key: string): Diagram => {
    const found = listDiagrams(root).find((d) => d.key === key);
    if (!found) throw new HttpError(404, { error: 'not_found', message: `项目中没有流程 ${key} 的图` });
    return found;
  };

  router.get(
    '/modeler',
    wrap(async (_req, res) => {
      await ensureModelerBundle();
      res.type('html').send(page('流程建模 · 宝山区政府质量奖'));
    }),
  );
  router.use('/modeler/assets', (_req, _res, next) => {
    ensureModelerBundle().then(() => next(), next);
  });
  router.use('/modeler/assets', express.static(MODELER_DIST, { fallthrough: false }));

  router.get('/modeler/api/diagrams', (_req, res) => {
    res.json(listDiagrams(root));
  });
  router.get('/modeler/api/diagrams/:key', (req, res) => {
    const d = diagram(parseRequest(ProcessKey, req.params.key));
    res.type('application/xml').send(fs.readFileSync(path.join(root, 'bpmn', d.file), 'utf8'));
  });
  router.get('/modeler/api/element-templates', (_req, res) => {
    res.json(loadTemplates(path.join(root, 'bpmn', 'element-templates')));
  });
  const lintLimit = deps.lintPerMinute ?? LINT_PER_MINUTE;
  router.post(
    '/modeler/api/lint',
    rateLimit({
      windowMs: 60_000,
      limit: lintLimit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json({
          error: 'too_many_requests',
          message: `检查请求过于频繁：每个客户端每分钟最多 ${lintLimit} 次，请稍后再试`,
        });
      },
    }),
    wrap(async (req, res) => {
      const body = parseRequest(LintBody, req.body);
      await engineUser(deps.engineUrl, req, { admin: true, verify, what: '检查流程图' });
      res.json({ problems: await lintXml(body.xml, projectContext(root)) });
    }),
  );

  router.get(
    '/modeler/api/deployed/:key',
    wrap(async (req, res) => {
      const key = parseRequest(ProcessKey, req.params.key);
      const { rest } = await engineUser(deps.engineUrl, req, { admin: false, verify });
      res.json(
        (await definitions(rest, key)).map((d) => ({
          id: d.id,
          version: d.version,
          versionTag: d.versionTag,
          deploymentId: d.deploymentId,
        })),
      );
    }),
  );
  router.get(
    '/modeler/api/deployed/:key/:version',
    wrap(async (req, res) => {
      const key = parseRequest(ProcessKey, req.params.key);
      const { rest } = await engineUser(deps.engineUrl, req, { admin: false, verify });
      const def = (await definitions(rest, key)).find((d) => String(d.version) === req.params.version);
      if (!def)
        throw new HttpError(404, {
          error: 'not_found',
          message: `引擎中没有 ${key} 第 ${req.params.version} 版`,
        });
      const { bpmn20Xml } = await rest
        .get(`/process-definition/${encodeURIComponent(def.id)}/xml`)
        .catch(engineError);
      res.type('application/xml').send(bpmn20Xml);
    }),
  );

  router.post(
    '/modeler/api/compare',
    wrap(async (req, res) => {
      const body = parseRequest(DiagramBody, req.body);
      await checkBpmn(body.xml).catch((err: unknown) => {
        if (err instanceof NotBpmnError)
          throw new RequestValidationError([{ path: 'xml', message: err.message }]);
        throw err;
      });
      const { rest } = await engineUser(deps.engineUrl, req, { admin: false, verify });
      const latest = (await definitions(rest, body.process))[0];
      if (!latest) {
        res.json({ deployedVersion: null, diff: null });
        return;
      }
      const { bpmn20Xml } = await rest
        .get(`/process-definition/${encodeURIComponent(latest.id)}/xml`)
        .catch(engineError);
      res.json({ deployedVersion: latest.version, diff: await diffDiagrams(bpmn20Xml ?? '', body.xml) });
    }),
  );

  router.post(
    '/modeler/api/deploy',
    wrap(async (req, res) => {
      const body = parseRequest(DiagramBody, req.body);
      const d = diagram(body.process);
      const { rest, principal } = await engineUser(deps.engineUrl, req, { admin: true, verify });
      const processes = diagramFacts(d.file, body.xml).processes.map((p) => p.id);
      if (!processes.includes(body.process))
        throw new HttpError(422, {
          error: 'wrong_process',
          message: `图中没有流程 ${body.process}（只能部署打开的那个流程）`,
          problems: [],
        });
      const errors = (await lintXml(body.xml, projectContext(root))).filter((p) => p.category === 'error');
      if (errors.length > 0)
        throw new HttpError(422, {
          error: 'lint_failed',
          message: `图中还有 ${errors.length} 个错误，未部署：${errors
            .map((p) => `元素 ${p.id}${p.name ? `（${p.name}）` : ''}：${p.message}`)
            .join('；')}`,
          problems: errors,
        });
      // The diagram goes with every form: user tasks bind their forms within the deployment.
      const forms = projectResources(root).filter((r) => r.name.endsWith('.form'));
      const result = await deployResources(
        rest,
        [{ name: d.file, content: body.xml }, ...forms],
        'modeler',
      ).catch(engineError);
      const latest = (await definitions(rest, body.process))[0];
      const version = result.newVersions[body.process];
      if (deps.db)
        await recordDeployment(deps.db, result, {
          actor: principal.userId,
          via: '在建模器中',
          source: 'modeler',
          details: { file: d.file },
        });
      res.status(version === undefined ? 200 : 201).json({
        process: body.process,
        deploymentId: result.id,
        changed: version !== undefined,
        version: version ?? latest?.version ?? null,
        processDefinitionId: latest?.id ?? null,
        message:
          version === undefined
            ? `与已部署的第 ${latest?.version ?? '?'} 版相同，未产生新版本`
            : `已部署 ${body.process} 第 ${version} 版；进行中的流程实例保持原版本`,
      });
    }),
  );

  router.use('/modeler/api', (req, res) => {
    res.status(404).json({ error: 'not_found', message: `没有这个接口：${req.method} ${req.originalUrl}` });
  });
  router.use(
    '/modeler',
    errorHandler((err) => console.error('modeler: unexpected error', err)),
  );
  return router;
}
