import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../camunda/engine-process.js';
import { readEditionsDir } from '../../config/editions.js';
import type { RulesEdition } from '../../domain/edition.js';
import { formIds, type Known } from '../consistency.js';
import { TOPICS } from '../topics.js';

// What the project's own lint rules check diagrams against: the topic manifest, the forms and the
// element templates of a project folder (the repository by default).

/** One property of a Camunda 7 element template, as far as the rules read it. */
export interface TemplateProperty {
  label?: string;
  description?: string;
  type?: string;
  value?: string | boolean;
  binding: { type: string; name?: string };
  constraints?: { notEmpty?: boolean; pattern?: string | { value: string; message?: string } };
}

export interface ElementTemplate {
  id: string;
  name: string;
  version?: number;
  appliesTo: string[];
  properties: TemplateProperty[];
}

export interface ProjectContext extends Known {
  templates: ElementTemplate[];
  /** Art. 28: the edition files of root/editions, which the diagrams' parameters may only tighten. */
  editions: readonly RulesEdition[];
}

/** Reads every element template of dir (bpmn/element-templates), one template or a list per file. */
export function loadTemplates(dir: string): ElementTemplate[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as
        ElementTemplate | ElementTemplate[];
      return Array.isArray(parsed) ? parsed : [parsed];
    });
}

/** The topics of bpmn/topics.ts (checked against workers/registry.ts), the forms in root/forms and the templates in root/bpmn. */
export function projectContext(root = ROOT_DIR): ProjectContext {
  return {
    workers: new Map(Object.entries(TOPICS)),
    formIds: formIds(path.join(root, 'forms')),
    templates: loadTemplates(path.join(root, 'bpmn', 'element-templates')),
    editions: readEditionsDir(path.join(root, 'editions')),
  };
}
