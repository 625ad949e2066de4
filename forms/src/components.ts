// Building blocks shared by every forms module (forms/src/*.ts); generate.ts writes the files.
import { PATTERNS } from './messages.js';

export const meta = {
  executionPlatform: 'Camunda Platform',
  executionPlatformVersion: '7.24.0',
  exporter: { name: 'baoshan-quality-award', version: '1.0' },
  schemaVersion: 16,
  type: 'default',
};

export type Component = Record<string, unknown>;
export const isOrg = '=applicantKind != "organization"';
export const isPerson = '=applicantKind != "individual"';
export const kindValues = [
  { label: '组织（先进质量管理模式）', value: 'organization' },
  { label: '个人（先进质量管理成果）', value: 'individual' },
];

export type Extra = Partial<Component>;
export const checkbox = (id: string, key: string, label: string, extra: Extra = {}): Component => ({
  type: 'checkbox',
  id,
  key,
  label,
  ...extra,
});
export const textfield = (id: string, key: string, label: string, extra: Extra = {}): Component => ({
  type: 'textfield',
  id,
  key,
  label,
  ...extra,
});
export const date = (id: string, key: string, dateLabel: string, extra: Extra = {}): Component => ({
  type: 'datetime',
  subtype: 'date',
  id,
  key,
  dateLabel,
  ...extra,
});
export const CREDIT_CODE_PATTERN = PATTERNS.creditCode.pattern;
export const forOrg = { conditional: { hide: isOrg } };
export const forPerson = { conditional: { hide: isPerson } };

export const decision = (
  key: string,
  label: string,
  values: { label: string; value: string }[],
): Component => ({
  type: 'radio',
  id: key,
  key,
  label,
  values,
  validate: { required: true },
});
export const reasons = (key: string, label: string, extra: Extra = {}): Component => ({
  type: 'textarea',
  id: key,
  key,
  label,
  validate: { required: true, minLength: 2, maxLength: 4000 },
  ...extra,
});
export const view = (key: string, label: string, extra: Extra = {}): Component => ({
  type: 'textfield',
  id: `${key}View`,
  key,
  label,
  disabled: true,
  ...extra,
});
export const viewArea = (key: string, label: string, extra: Extra = {}): Component => ({
  type: 'textarea',
  id: `${key}View`,
  key,
  label,
  disabled: true,
  ...extra,
});
/** The heading and explanation at the top of a form (the task, and the article it follows). */
export const intro = (text: string): Component => ({ type: 'text', id: 'intro', text });
