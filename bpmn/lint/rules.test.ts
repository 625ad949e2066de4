import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../camunda/engine-process.js';
import { lintXml, PROJECT_RULES } from './index.js';
import { projectContext } from './project.js';
import { editionParameterProblems, lintEdition } from './rules/edition-parameters.js';

// Each project rule alone against its fixtures: valid.bpmn passes, invalid.bpmn is reported on
// the element that breaks the rule, in Chinese.
const FIXTURES = path.join(ROOT_DIR, 'bpmn', 'lint', 'fixtures');
const project = projectContext();
const read = (rule: string, kind: 'valid' | 'invalid') =>
  fs.readFileSync(path.join(FIXTURES, rule, `${kind}.bpmn`), 'utf8');
const only = (rule: string) => ({ rules: { [`project/${rule}`]: 'error' } });

const EXPECTED: Record<string, { id: string; message: string }> = {
  'known-topic': {
    id: 'Task_Unknown',
    message: '元素 Task_Unknown 使用的主题 no-such-topic 没有对应的 worker',
  },
  'form-ref': {
    id: 'Task_MissingForm',
    message: '元素 Task_MissingForm 引用的表单 no-such-form 不存在于 forms/',
  },
  'error-code': {
    id: 'Error_Unknown',
    message: '错误 Error_Unknown 的错误码 never-thrown 没有任何 worker 会抛出',
  },
  'history-time-to-live': {
    id: 'fixture',
    message: '流程 fixture 未设置历史保存期限（第二十七条：资料保存 10 年）',
  },
  'template-parameters': { id: 'Task_NoTemplateParam', message: '模板“发送通知”的必填参数“通知模板”未设置' },
  'edition-parameters': {
    id: 'Task_Check',
    message: '参数 quotaGoldModel（第七条）为 11，超过办法 2023 规定的 10：流程参数只能比办法更严',
  },
};

describe.each(Object.keys(PROJECT_RULES))('project rule %s', (rule) => {
  it('passes its valid fixture', async () => {
    // Given a diagram that keeps the rule, when it is linted with the rule, then nothing is reported
    expect(await lintXml(read(rule, 'valid'), project, only(rule))).toEqual([]);
  });

  it('reports its invalid fixture on the element, in Chinese', async () => {
    // Given a diagram that breaks the rule, when it is linted, then the element is named
    const problems = await lintXml(read(rule, 'invalid'), project, only(rule));
    const expected = EXPECTED[rule]!;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ id: expected.id, rule: `project/${rule}`, category: 'error' });
    expect(problems[0]!.message).toContain(expected.message);
  });
});

describe('the whole lint', () => {
  it('passes every project diagram', async () => {
    // Given the diagrams of bpmn/, when linted with every rule, then no error remains
    for (const f of fs.readdirSync(path.join(ROOT_DIR, 'bpmn')).filter((x) => x.endsWith('.bpmn'))) {
      const problems = await lintXml(fs.readFileSync(path.join(ROOT_DIR, 'bpmn', f), 'utf8'), project);
      expect({ f, errors: problems.filter((p) => p.category === 'error') }).toEqual({ f, errors: [] });
    }
  });

  it('runs recommended and camunda-compat rules too', async () => {
    // Given an unnamed, unconnected task in a diagram, when linted, then recommended flags it
    const xml = read('history-time-to-live', 'valid').replace('name="任务" ', '');
    const rules = (await lintXml(xml, project)).map((p) => p.rule);
    expect(rules).toEqual(expect.arrayContaining(['label-required', 'no-disconnected']));
  });

  it('refuses a pattern the template sets', async () => {
    // Given a notify task whose template value is not one of the choices, then it is reported
    const xml = read('template-parameters', 'valid').replace('>recommendation-approved<', '>no-such-mail<');
    const problems = await lintXml(xml, project, only('template-parameters'));
    expect(problems.map((p) => p.message)).toEqual([
      '模板“发送通知”的参数“通知模板”取值 no-such-mail 不在可选项中',
    ]);
  });
});

describe('project rule edition-parameters: Art. 7, 19, 28 parameters only tighten the edition', () => {
  const edition = project.editions.find((e) => e.id === '2023')!;
  it('reports copies of one parameter that disagree, on the element of the differing copy', () => {
    const problems = editionParameterProblems(
      [
        { elementId: 'Task_Propose', name: 'quotaGoldModel', value: '10' },
        { elementId: 'Task_Check', name: 'quotaGoldModel', value: '9' },
        { elementId: 'Task_Recheck', name: 'quotaGoldModel', value: '10' },
      ],
      edition,
    );
    expect(problems).toEqual([
      {
        id: 'Task_Check',
        message:
          '参数 quotaGoldModel（第七条）在 Task_Check 为 9，与 Task_Propose 的 10 不一致：同一参数的各处取值须相同',
      },
    ]);
  });
  it('refuses a loosening in either direction, and another district', () => {
    const problems = editionParameterProblems(
      [
        { elementId: 'A', name: 'capGoldAchievement', value: '10001' },
        { elementId: 'B', name: 'publicityWorkingDays', value: '4' },
        { elementId: 'C', name: 'banYears', value: '2' },
        { elementId: 'D', name: 'district', value: '嘉定区' },
        { elementId: 'E', name: 'reportingYears', value: '3' },
        { elementId: 'F', name: 'operatingYears', value: '5' },
      ],
      edition,
    );
    expect(problems.map((p) => p.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(problems[0]!.message).toContain('第十九条');
    expect(problems[2]!.message).toContain('参数 banYears（第二十五条）为 2，少于办法 2023 规定的 3');
  });
  it('takes the edition in force on the day, else the newest', () => {
    expect(lintEdition(project.editions, '2026-12-01')?.id).toBe('2023');
    expect(lintEdition(project.editions, '2040-01-01')?.id).toBe(project.editions.at(-1)?.id);
  });
});
