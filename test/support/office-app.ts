import type { Express } from 'express';
import { pino } from 'pino';
import { engineRest } from '../../camunda/rest.js';
import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { createMailer } from '../../mail/mailer.js';
import { createApp } from '../../server/app.js';
import { officePageRouter } from '../../server/office/page.js';
import { apiRouters } from '../../server/routes/index.js';
import type { Db } from '../../store/index.js';

/**
 * The server's APIs and the office workbench against the test engine, as `npm start` wires them:
 * the workers' and the identity accounts from the test environment, mail to smtpUrl.
 */
export function officeTestApp(db: Db, smtpUrl: string): Express {
  const engineUrl = process.env.QA_ENGINE_REST_URL!;
  const serviceAccount = { username: process.env.QA_WORKER_USER!, password: process.env.QA_WORKER_PASSWORD! };
  const identityAccount = {
    username: process.env.QA_IDENTITY_USER!,
    password: process.env.QA_IDENTITY_PASSWORD!,
  };
  return createApp({
    db,
    log: pino({ level: 'silent' }),
    apiRouters: apiRouters({
      db,
      auth: engineUrl,
      engine: engineRest(engineUrl, serviceAccount),
      serviceAccount,
      identityEngine: engineRest(engineUrl, identityAccount),
      identityAccount,
      editions: SHIPPED_EDITIONS,
      mailer: createMailer({ db, smtpUrl, from: '办公室 <office@example.cn>' }),
      publicUrl: 'http://award.example.cn',
    }),
    pageRouters: [officePageRouter()],
  });
}
