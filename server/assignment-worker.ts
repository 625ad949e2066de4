// The worker thread of POST /api/review/assignment-plan: solves one validated request at a time, off
// the server's request loop (server/assignment-solver.ts starts it and enforces the time budget).
import { parentPort } from 'node:worker_threads';
import { planAssignment, type AssignmentRequest, type ReviewerRules } from '../domain/assignment.js';

parentPort?.on('message', (message: { id: number; request: AssignmentRequest; rules: ReviewerRules }) => {
  try {
    parentPort!.postMessage({ id: message.id, outcome: planAssignment(message.request, message.rules) });
  } catch (err) {
    parentPort!.postMessage({ id: message.id, error: (err as Error)?.message ?? String(err) });
  }
});
