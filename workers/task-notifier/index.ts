import type { Logger } from 'pino';
import type { EngineDto, EngineRest, Present } from '../../camunda/rest.js';
import type { EffectKey, Mail, Mailer } from '../../mail/mailer.js';
import { recusedList } from '../../domain/recusal.js';

// Task notifications (issue 12 (4)). Camunda 7 has no hook that could e-mail from outside the engine
// when a user task is created, so the workers process runs this loop beside the external-task
// workers: every interval it reads the open user tasks through the REST API (the workers' account
// has READ on tasks), resolves who can work each task — its assignee, else its candidate users and
// the members of its candidate groups — and sends through the outbox mailer:
//   - one notice per task and person when the task appears (name, whom it is about, due date, a link
//     that opens the task in Tasklist);
//   - one reminder per task and person once the due date is less than `remindBeforeMs` away;
//   - one notice per task to each member of the office once the due date has passed.
// Each mail's effect key is the task id and the person (`task:<id>` / `task-notice:<user>`), so a
// restarted or second notifier, or a task seen again on the next round, mails nobody twice.

export interface TaskNotifierOptions {
  rest: EngineRest;
  mailer: Mailer;
  /** Tasklist's address up to the engine name, e.g. http://host:8080/camunda/app/tasklist/default/ */
  tasklistUrl: string;
  /** The group told about overdue tasks. */
  officeGroup: string;
  intervalMs: number;
  remindBeforeMs: number;
  /** Only tasks created after this instant (TASK_NOTIFY_CREATED_AFTER): no flood of old notices on an existing engine. */
  createdAfter?: Date;
  log: Logger;
  now?: () => Date;
}

/** An open task: the engine always fills its id and creation time. */
export type TaskDto = Present<EngineDto<'TaskDto'>, 'id' | 'created'>;

/** A user: the engine always fills the id. */
type UserDto = Present<EngineDto<'UserProfileDto'>, 'id'>;

/** The variables that say whom a task is about, in the order they are tried. */
const SUBJECT_VARIABLES = ['applicantName', 'reviewApplicantName', 'reconcileApplicantName', 'holderName'];
const PAGE = 200;

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
/** A due date as people in Shanghai read it, e.g. 2026年12月10日 17:00. */
export function formatDue(due: string | null): string {
  return due ? shanghai.format(new Date(due)) : '未设定';
}

export type NoticeKind = 'notice' | 'reminder' | 'overdue';

/** The e-mail of one task for one person (pure). */
export function taskMail(
  kind: NoticeKind,
  task: TaskDto,
  subject: string | null,
  user: UserDto,
  tasklistUrl: string,
): Mail {
  const name = task.name ?? '待办任务';
  const person = `${user.lastName ?? ''}${user.firstName ?? ''}`.trim() || user.id;
  const headline = {
    notice: `【宝山区政府质量奖】新的待办任务：${name}`,
    reminder: `【宝山区政府质量奖】任务即将到期：${name}`,
    overdue: `【宝山区政府质量奖】任务已逾期：${name}`,
  }[kind];
  const first = {
    notice: '您有一项新的待办任务，请登录 Tasklist 办理：',
    reminder: '您的待办任务即将到期，请尽快办理：',
    overdue: '以下任务已超过截止日期仍未完成，请督促办理：',
  }[kind];
  const lines = [
    `${person}：`,
    '',
    first,
    '',
    `任务：${name}`,
    `申报人或事项：${subject ?? '（见任务）'}`,
    `截止日期：${formatDue(task.due ?? null)}`,
    ...(kind === 'overdue' && task.assignee ? [`办理人：${task.assignee}`] : []),
    `办理链接：${tasklistUrl}#/?task=${encodeURIComponent(task.id)}`,
    '',
    '宝山区政府质量奖审定委员会办公室',
  ];
  return { to: [user.email!], subject: headline, text: lines.join('\n') };
}

function effectKey(task: TaskDto, name: string): EffectKey {
  return {
    processInstanceId: task.processInstanceId ?? 'standalone-task',
    activityInstanceId: `task:${task.id}`,
    name,
  };
}

export interface TaskNotifier {
  /** One round over every open task; resolves when its mails are sent. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startTaskNotifier(opts: TaskNotifierOptions, autoStart = true): TaskNotifier {
  const { rest, mailer, log } = opts;
  const now = opts.now ?? (() => new Date());
  /** Stages already done per task id in this process (the outbox keeps them across restarts). */
  const done = new Map<string, Set<NoticeKind>>();
  const members = new Map<string, UserDto[]>();

  async function usersOf(task: TaskDto): Promise<UserDto[]> {
    const ids = new Set<string>();
    const groups = new Set<string>();
    if (task.assignee) ids.add(task.assignee);
    else {
      const links = await rest.get(`/task/${encodeURIComponent(task.id)}/identity-links?type=candidate`);
      for (const l of links) {
        if (l.userId) ids.add(l.userId);
        if (l.groupId) groups.add(l.groupId);
      }
    }
    const users = new Map<string, UserDto>();
    if (ids.size > 0)
      for (const u of (await rest.get(
        `/user?idIn=${[...ids].map(encodeURIComponent).join(',')}`,
      )) as UserDto[])
        users.set(u.id, u);
    for (const g of groups) for (const u of await groupMembers(g)) users.set(u.id, u);
    // Art. 26: a clerk who recused from this application is not offered its tasks.
    const recused = await rest.get(
      `/task/${encodeURIComponent(task.id)}/variables?variableNames=recusedStaff&deserializeValues=false`,
    );
    const out = new Set(recusedList(recused.recusedStaff?.value ?? null));
    return [...users.values()].filter((u) => u.email && !out.has(u.id));
  }

  async function groupMembers(groupId: string): Promise<UserDto[]> {
    const cached = members.get(groupId);
    if (cached) return cached;
    const list = (await rest.get(
      `/user?memberOfGroup=${encodeURIComponent(groupId)}&maxResults=1000`,
    )) as UserDto[];
    members.set(groupId, list);
    return list;
  }

  async function subjectOf(task: TaskDto): Promise<string | null> {
    const vars = await rest.get(
      `/task/${encodeURIComponent(task.id)}/variables?variableNames=${SUBJECT_VARIABLES.join(',')}&deserializeValues=false`,
    );
    for (const n of SUBJECT_VARIABLES) {
      const v = vars[n]?.value;
      if (typeof v === 'string' && v.trim()) return v;
    }
    return null;
  }

  async function handle(task: TaskDto): Promise<void> {
    const stages = done.get(task.id) ?? new Set<NoticeKind>();
    const t = now().getTime();
    const due = task.due ? Date.parse(task.due) : null;
    const wanted: NoticeKind[] = ['notice'];
    if (due !== null && t >= due - opts.remindBeforeMs && t < due) wanted.push('reminder');
    if (due !== null && t >= due) wanted.push('overdue');
    const todo = wanted.filter((k) => !stages.has(k));
    if (todo.length === 0) return;
    const subject = await subjectOf(task);
    for (const kind of todo) {
      const people =
        kind === 'overdue'
          ? (await groupMembers(opts.officeGroup)).filter((u) => u.email)
          : await usersOf(task);
      // A task offered to nobody yet (its candidates are added after it was created) is tried again.
      if (people.length === 0 && kind !== 'overdue') continue;
      for (const user of people) {
        const result = await mailer.sendOnce(
          effectKey(task, `task-${kind}:${user.id}`),
          taskMail(kind, task, subject, user, opts.tasklistUrl),
        );
        if (result === 'sent') log.info({ task: task.id, user: user.id, kind }, '任务通知已发送');
      }
      stages.add(kind);
    }
    done.set(task.id, stages);
  }

  // The engine's date format for createdAfter (yyyy-MM-dd'T'HH:mm:ss.SSSZ).
  const createdAfter = opts.createdAfter
    ? `&createdAfter=${encodeURIComponent(opts.createdAfter.toISOString().replace('Z', '+0000'))}`
    : '';

  async function runOnce(): Promise<void> {
    members.clear();
    const seen = new Set<string>();
    for (let first = 0; ; first += PAGE) {
      const page = (await rest.get(
        `/task?sortBy=created&sortOrder=asc&firstResult=${first}&maxResults=${PAGE}${createdAfter}`,
      )) as TaskDto[];
      for (const task of page) {
        seen.add(task.id);
        try {
          await handle(task);
        } catch (err) {
          log.warn({ task: task.id, err: (err as Error).message }, '任务通知未能发送，下一轮重试');
        }
      }
      if (page.length < PAGE) break;
    }
    for (const id of done.keys()) if (!seen.has(id)) done.delete(id);
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = runOnce()
      .catch((err: unknown) => log.warn({ err: (err as Error).message }, '任务通知轮询失败，稍后重试'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, opts.intervalMs);
      });
  };
  if (autoStart) loop();
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
