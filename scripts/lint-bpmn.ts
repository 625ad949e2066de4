import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { describeProblem, lintXml } from '../bpmn/lint/index.js';
import { projectContext } from '../bpmn/lint/project.js';

// `npm run lint:bpmn [file.bpmn ...]`: the modeler's lint over every bpmn/*.bpmn (or the given
// files); exits 1 when any error remains, naming the file and the element.

const files =
  process.argv.length > 2
    ? process.argv.slice(2).map((f) => path.resolve(f))
    : fs
        .readdirSync(path.join(ROOT_DIR, 'bpmn'))
        .filter((f) => f.endsWith('.bpmn'))
        .sort()
        .map((f) => path.join(ROOT_DIR, 'bpmn', f));

const project = projectContext();
let errors = 0;
for (const file of files) {
  const problems = await lintXml(fs.readFileSync(file, 'utf8'), project);
  const name = path.relative(process.cwd(), file);
  for (const p of problems) {
    if (p.category === 'error') errors++;
    (p.category === 'error' ? console.error : console.warn)(describeProblem(p, name));
  }
  if (problems.length === 0) console.log(`${name}：通过`);
}
if (errors > 0) {
  console.error(`共 ${errors} 个错误，请修正后再部署`);
  process.exit(1);
}
