// `npm run engine:build`: (re)builds engine/target/quality-award-engine.jar with the Maven Wrapper.
import { runMain } from '../config/cli.js';
import { ensureEngineJar } from '../camunda/engine-process.js';

runMain(async () => {
  ensureEngineJar((line) => process.stdout.write(`${line}\n`), process.argv.includes('--force'));
});
