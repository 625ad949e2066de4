// Tasklist custom script (camTasklistConf.customScripts): the Camunda Forms that Camunda 7.24's
// Tasklist renders with form-js carry English validation messages hard-coded in form-js's validator
// ("Field is required.", "Field must match pattern <regular expression>.", "Field must have maximum
// value of 110.") and a few English words (Search, No results, the date picker's month names). form-js
// 1.x has no translation hook for them, so this script rewrites them in place, in Chinese, saying what
// to do: it names the field by its label and, for a pattern, gives the rule of the identifier instead
// of the regular expression (PATTERN_MESSAGES, written by `npm run forms:build` from forms/src).
// It edits only the text of nodes form-js created (never replaces them), so form-js keeps working.
// It also keeps drop-downs usable at the bottom of a task form: Tasklist's form column hides what
// overflows it, so a list opening near the bottom was cut off under the footer; the form gets room
// below its last field and an opened list is scrolled into view.

const PATTERN_MESSAGES = {}; // generated: forms/src/messages.ts

const MONTHS = {
  January: '一月',
  February: '二月',
  March: '三月',
  April: '四月',
  May: '五月',
  June: '六月',
  July: '七月',
  August: '八月',
  September: '九月',
  October: '十月',
  November: '十一月',
  December: '十二月',
};
const WEEKDAYS = { Sun: '日', Mon: '一', Tue: '二', Wed: '三', Thu: '四', Fri: '五', Sat: '六' };
const WORDS = {
  Search: '输入文字筛选',
  'No results': '没有匹配的选项',
  'All values selected': '已全部选择',
  Increment: '增加',
  Decrement: '减少',
};

function fieldOf(node) {
  const el = node.nodeType === 1 ? node : node.parentElement;
  return el ? el.closest('.fjs-form-field') : null;
}

function labelOf(node) {
  const field = fieldOf(node);
  const label = field && field.querySelector('.fjs-form-field-label');
  const text = label ? label.textContent.replace(/\*\s*$/, '').trim() : '';
  return text ? `「${text}」` : '此项';
}

function requiredMessage(node) {
  const field = fieldOf(node);
  const label = labelOf(node);
  if (field && field.classList.contains('fjs-form-field-checkbox')) return `请勾选${label}。`;
  if (
    field &&
    ['radio', 'select', 'checklist', 'taglist', 'datetime'].some((t) =>
      field.classList.contains(`fjs-form-field-${t}`),
    )
  )
    return `请选择${label}。`;
  return `请填写${label}。`;
}

/** The Chinese for one English form-js message, or null when the text is not one. */
export function translate(text, node) {
  const t = text.trim();
  let m;
  if (t === 'Field is required.') return requiredMessage(node);
  if ((m = /^Field must match pattern (.*)\.$/s.exec(t)))
    return PATTERN_MESSAGES[m[1]] || `${labelOf(node)}的格式不正确，请按该项下方的说明填写。`;
  if ((m = /^Field must have minimum value of (.+)\.$/.exec(t)))
    return `${labelOf(node)}不能小于 ${m[1]}，请填写 ${m[1]} 或更大的数。`;
  if ((m = /^Field must have maximum value of (.+)\.$/.exec(t)))
    return `${labelOf(node)}不能大于 ${m[1]}，请填写 ${m[1]} 或更小的数。`;
  if ((m = /^Field must have minimum length of (\d+)\.$/.exec(t)))
    return `${labelOf(node)}至少需要 ${m[1]} 个字，请补充。`;
  if ((m = /^Field must have maximum length of (\d+)\.$/.exec(t)))
    return `${labelOf(node)}最多 ${m[1]} 个字，请删减。`;
  if (t === 'Field must be a valid email.')
    return `${labelOf(node)}不是有效的电子邮箱地址，请按 name@example.com 的格式填写。`;
  if (/^Field must be a valid\s+international phone number/.test(t))
    return `${labelOf(node)}不是有效的电话号码，请按 +8621xxxxxxxx 的格式填写（不含空格）。`;
  if (t === 'Value is not a number.') return `${labelOf(node)}只能填写数字。`;
  if (t === 'Value is expected to be an integer.') return `${labelOf(node)}只能填写整数。`;
  if ((m = /^Value is expected to have at most (\d+) decimal digits?\.$/.exec(t)))
    return `${labelOf(node)}最多保留 ${m[1]} 位小数。`;
  if ((m = /^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/.exec(t)))
    return `${labelOf(node)}的数值无效，最接近的有效数值是 ${m[1]} 和 ${m[2]}。`;
  return null;
}

function translateText(node) {
  const parent = node.parentElement;
  if (!parent) return;
  const text = node.data;
  if (parent.closest('.fjs-form-field-error')) {
    const zh = translate(text, node);
    if (zh !== null && zh !== text) node.data = zh;
    return;
  }
  if (parent.closest('.flatpickr-calendar')) {
    const trimmed = text.trim();
    if (MONTHS[trimmed]) node.data = MONTHS[trimmed];
    else if (WEEKDAYS[trimmed]) node.data = WEEKDAYS[trimmed];
    return;
  }
  if (parent.closest('.fjs-container') && WORDS[text.trim()]) node.data = WORDS[text.trim()];
}

const STYLE = `
.fjs-container .fjs-form { padding-bottom: 260px; }
.fjs-container .fjs-dropdownlist { z-index: 10; max-height: 235px; }
`;

function showDropdown(el) {
  const lists = el.classList && el.classList.contains('fjs-dropdownlist') ? [el] : [];
  if (el.querySelectorAll) lists.push(...el.querySelectorAll('.fjs-dropdownlist'));
  for (const list of lists) list.scrollIntoView({ block: 'nearest' });
}

function translateElement(el) {
  showDropdown(el);
  if (!el.closest || !el.closest('.fjs-container, .flatpickr-calendar')) {
    if (el.querySelectorAll) el.querySelectorAll('.fjs-container, .flatpickr-calendar').forEach(walk);
    return;
  }
  walk(el);
}

function walk(root) {
  if (root.nodeType === 3) {
    translateText(root);
    return;
  }
  for (const el of [root, ...root.querySelectorAll('[placeholder], [aria-label]')]) {
    for (const attr of ['placeholder', 'aria-label']) {
      const v = el.getAttribute && el.getAttribute(attr);
      if (v && WORDS[v]) el.setAttribute(attr, WORDS[v]);
    }
  }
  const texts = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = texts.nextNode(); n; n = texts.nextNode()) translateText(n);
}

if (typeof window !== 'undefined' && typeof document !== 'undefined' && !window.__qaFormMessagesZh) {
  window.__qaFormMessagesZh = true;
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.appendChild(style);
  new window.MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') translateText(r.target);
      else if (r.type === 'attributes') translateElement(r.target);
      else r.addedNodes.forEach((n) => (n.nodeType === 3 ? translateText(n) : translateElement(n)));
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['placeholder', 'aria-label'],
  });
}

export default [];
