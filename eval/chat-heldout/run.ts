/**
 * Held-out evaluation of the chat assistant (see README.md in this folder).
 *
 *   npx tsx eval/chat-heldout/run.ts [id-regex]
 *
 * Environment: BASE_URL (default http://localhost:8080), CONCURRENCY (default 4), DATA_DIR (default
 * <repo>/.data, where the local system keeps the token secret), AUTH_JWT_SECRET, AUTH_ISSUER,
 * AUTH_AUDIENCE (defaults as in the local system). Never part of `npm test`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken } from '#shared/http/issue-token';
import { loadLocalSecrets } from '#shared/runtime/local-secrets';

// ---------------------------------------------------------------------------------------------- types

const KINDS = ['add', 'edit', 'complete', 'delete', 'question', 'recurrence', 'reminder'] as const;
type Kind = (typeof KINDS)[number];
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

interface DueObject {
  relativeDays?: number;
  weekday?: string;
  orWeekAfter?: boolean;
  plusDays?: number;
  date?: string;
  monthDay?: string;
  dayOfMonth?: number;
  inMinutes?: number;
  weekdayIn?: string[];
  withinDays?: number;
  any?: boolean;
  time?: string;
}
type DueSpec = DueObject | DueObject[];

interface ExpectedTask {
  title: string | string[];
  status?: 'pending' | 'completed';
  due?: DueSpec | null;
  priority?: string | string[];
  tags?: string[];
  rrule?: Record<string, string | string[]> | null;
  reminderOffsets?: string[];
  remindAt?: DueSpec;
}

interface Case {
  id: string;
  kind: Kind;
  timeZone?: string;
  turns: string[];
  expect: {
    tasks?: ExpectedTask[];
    taskCount?: number;
    replyMatches?: string;
    replyNotMatches?: string;
  };
}

interface StoredTask {
  id: string;
  title: string;
  status: string;
  priority: string;
  tags: string[];
  dueAt: string | null;
  reminders: string[];
  recurrence: { rrule: string; timezone: string } | null;
}

/** The moment a turn was sent, and the date it was then in the case's zone. */
interface Reference {
  now: Date;
  today: string;
}

interface CaseResult {
  id: string;
  kind: Kind;
  timeZone: string;
  turns: string[];
  pass: boolean;
  reasons: string[];
  replies: string[];
  statuses: number[];
  tasks: Partial<StoredTask>[];
  ms: number;
  /** What the last turn did (the kinds of its actions), and whether that is what the case asks for. */
  lastActions: string[];
  intentRight: boolean;
  /** Round-trip time of each POST /chat, in milliseconds. */
  turnMs: number[];
  /** Each turn's place in the whole run (1 = the first message the system answered). */
  turnSeq: number[];
  /** When each turn was sent (ms since the epoch), to line a slow one up with the system's log. */
  turnAt: number[];
}

// ------------------------------------------------------------------------------------ configuration

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const BASE_URL = trimEnd(process.env.BASE_URL ?? 'http://localhost:8080', '/');
const CONCURRENCY = Math.max(1, Number(process.env.CONCURRENCY ?? 4));
const FILTER = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
const REQUEST_TIMEOUT_MS = 30_000;
/** Tolerance for "in N minutes": the send time is known to the second, the chat may round. */
const IN_MINUTES_TOLERANCE_MS = 3 * 60_000;

async function tokenFor(userId: string): Promise<string> {
  const secret = process.env.AUTH_JWT_SECRET ?? loadLocalSecrets(resolve(repoRoot, process.env.DATA_DIR ?? '.data')).authJwtSecret;
  return issueToken({ userId, secret, issuer: process.env.AUTH_ISSUER ?? 'todo-local', audience: process.env.AUTH_AUDIENCE ?? 'todo' });
}

// --------------------------------------------------------------------------------- dates and times

const formatters = new Map<string, Intl.DateTimeFormat>();
function localParts(instant: Date, timeZone: string): { date: string; time: string } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

function dayName(date: string): string {
  return `${date} (${weekdayOf(date)})`;
}

/** The first date on or after `from` (inclusive) for which `test` holds, within ~4 years. */
function firstDateFrom(from: string, test: (date: string) => boolean): string | undefined {
  for (let i = 0; i < 1500; i++) {
    const d = addDays(from, i);
    if (test(d)) return d;
  }
  return undefined;
}

/** Every local date a date spec accepts, given the reference moments of the case. */
function acceptableDates(spec: DueObject, refs: Reference[]): Set<string> | 'any' {
  if (spec.any) return 'any';
  const out = new Set<string>();
  for (const { today } of refs) {
    const dates: string[] = [];
    if (spec.relativeDays !== undefined) dates.push(addDays(today, spec.relativeDays));
    if (spec.date) dates.push(spec.date);
    if (spec.weekday) {
      const wd = spec.weekday.toUpperCase();
      const next = firstDateFrom(addDays(today, 1), (d) => weekdayOf(d) === wd)!;
      dates.push(next);
      // Said on that very weekday, a bare "friday" can be read as today by a person, too.
      if (weekdayOf(today) === wd) dates.push(today);
      if (spec.orWeekAfter) dates.push(addDays(next, 7));
    }
    if (spec.weekdayIn) {
      const set = new Set(spec.weekdayIn.map((w) => w.toUpperCase()));
      for (let i = 0; i <= (spec.withinDays ?? 7); i++) if (set.has(weekdayOf(addDays(today, i)))) dates.push(addDays(today, i));
    }
    if (spec.monthDay) {
      const md = spec.monthDay;
      const onOrAfter = firstDateFrom(today, (d) => d.slice(5) === md);
      const after = firstDateFrom(addDays(today, 1), (d) => d.slice(5) === md);
      for (const d of [onOrAfter, after]) if (d) dates.push(d);
    }
    if (spec.dayOfMonth !== undefined) {
      const dom = spec.dayOfMonth;
      const onOrAfter = firstDateFrom(today, (d) => Number(d.slice(8)) === dom);
      const after = firstDateFrom(addDays(today, 1), (d) => Number(d.slice(8)) === dom);
      for (const d of [onOrAfter, after]) if (d) dates.push(d);
    }
    for (const d of dates) out.add(addDays(d, spec.plusDays ?? 0));
  }
  return out;
}

function describeSpec(spec: DueObject): string {
  const parts = Object.entries(spec).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  return `{${parts.join(' ')}}`;
}

/** Why `instant` does not satisfy `spec` (undefined when it does). */
function instantMismatch(spec: DueSpec, instant: Date, timeZone: string, refs: Reference[]): string | undefined {
  const alternatives = Array.isArray(spec) ? spec : [spec];
  const reasons: string[] = [];
  for (const alt of alternatives) {
    if (alt.inMinutes !== undefined) {
      const ok = refs.some((r) => Math.abs(instant.getTime() - (r.now.getTime() + alt.inMinutes! * 60_000)) <= IN_MINUTES_TOLERANCE_MS);
      if (ok) return undefined;
      const delta = Math.round((instant.getTime() - refs[0]!.now.getTime()) / 60_000);
      reasons.push(`${delta} min after the first message, expected ~${alt.inMinutes}`);
      continue;
    }
    const local = localParts(instant, timeZone);
    const dates = acceptableDates(alt, refs);
    const dateOk = dates === 'any' || dates.has(local.date);
    const timeOk = alt.time === undefined || alt.time === local.time;
    if (dateOk && timeOk) return undefined;
    const want = dates === 'any' ? 'any date' : [...dates].map(dayName).join(' or ');
    reasons.push(`${dayName(local.date)} ${local.time}, expected ${want}${alt.time ? ` at ${alt.time}` : ''} ${describeSpec(alt)}`);
  }
  return reasons.join('; or ');
}

/** ISO 8601 duration (PnW, PnDTnHnMnS) in seconds; NaN when it does not parse. */
function durationSeconds(iso: string): number {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso.trim().toUpperCase());
  if (!m) return Number.NaN;
  const [, w, d, h, min, s] = m;
  return Number(w ?? 0) * 604800 + Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

// --------------------------------------------------------------------------------------- comparisons

function normTitle(s: string): string {
  const t = s
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^["']+/, '');
  return trimEnd(t, `"'.!?,;:`).trim().toLowerCase();
}

/** `s` without the trailing characters that are in `chars` (a loop: no regex backtracking). */
function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

function titleMatches(expected: string | string[], actual: string): boolean {
  const want = Array.isArray(expected) ? expected : [expected];
  return want.some((t) => normTitle(t) === normTitle(actual));
}

function parseRrule(rule: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of rule.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = part.split('=');
    if (k && v !== undefined) out.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  return out;
}

/**
 * Compares a stored RRULE with the expected keys, up to equivalence: INTERVAL=1 is the default,
 * DAILY with BYDAY is WEEKLY with BYDAY, BYDAY=TH;BYSETPOS=1 (monthly) is BYDAY=1TH, WKST is ignored,
 * and a BYDAY / BYMONTHDAY / BYMONTH that only restates the due date's own weekday, day or month
 * (the due time anchors the rule) counts as present or absent alike.
 */
function rruleMismatch(expected: Record<string, string | string[]>, actual: string, dueLocal: string | undefined): string | undefined {
  const a = parseRrule(actual);
  a.delete('WKST');
  if (a.get('INTERVAL') === '1') a.delete('INTERVAL');
  if (a.get('FREQ') === 'DAILY' && a.has('BYDAY') && !a.has('INTERVAL')) a.set('FREQ', 'WEEKLY');
  const setpos = a.get('BYSETPOS');
  const byday = a.get('BYDAY');
  if (setpos && byday && /^-?\d+$/.test(setpos) && /^[A-Z]{2}$/.test(byday)) {
    a.set('BYDAY', `${setpos}${byday}`);
    a.delete('BYSETPOS');
  }
  const e = new Map<string, string>();
  for (const [k, v] of Object.entries(expected)) e.set(k.toUpperCase(), (Array.isArray(v) ? v.join(',') : String(v)).toUpperCase());
  if (e.get('INTERVAL') === '1') e.delete('INTERVAL');

  const implied = new Map<string, string>();
  if (dueLocal) {
    implied.set('BYDAY', weekdayOf(dueLocal));
    implied.set('BYMONTHDAY', String(Number(dueLocal.slice(8))));
    implied.set('BYMONTH', String(Number(dueLocal.slice(5, 7))));
  }
  const sameSet = (x: string, y: string) => {
    const xs = x.split(',').map((s) => s.replace(/^\+/, '')).sort().join(',');
    const ys = y.split(',').map((s) => s.replace(/^\+/, '')).sort().join(',');
    return xs === ys;
  };
  const problems: string[] = [];
  for (const key of new Set([...a.keys(), ...e.keys()])) {
    const av = a.get(key);
    const ev = e.get(key);
    if (av !== undefined && ev !== undefined) {
      if (!sameSet(av, ev)) problems.push(`${key}=${av} (expected ${ev})`);
    } else if (ev !== undefined) {
      const imp = implied.get(key);
      if (!(imp && sameSet(imp, ev) && ['BYDAY', 'BYMONTHDAY', 'BYMONTH'].includes(key))) problems.push(`no ${key} (expected ${ev})`);
    } else if (av !== undefined) {
      const imp = implied.get(key);
      if (!(imp && sameSet(imp, av))) problems.push(`unexpected ${key}=${av}`);
    }
  }
  return problems.length ? `rrule ${actual}: ${problems.join(', ')}` : undefined;
}

// -------------------------------------------------------------------------------------------- HTTP

class HttpFailure extends Error {}

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${BASE_URL}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new HttpFailure(`${method} ${path}: ${(error as Error).message}`);
    }
    const text = await res.text();
    let json: unknown = text;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* keep the text */
    }
    // The rate limit is not the chat's fault: wait as told, a few times.
    if (res.status === 429 && attempt < 3) {
      const wait = Math.min(65, Number(res.headers.get('retry-after') ?? 5));
      await new Promise((r) => setTimeout(r, wait * 1000));
      continue;
    }
    return { status: res.status, json };
  }
}

async function listTasks(token: string): Promise<StoredTask[]> {
  const items: StoredTask[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ limit: '200' });
    if (cursor) q.set('cursor', cursor);
    const { status, json } = await call('GET', `/tasks?${q}`, token);
    if (status !== 200) throw new HttpFailure(`GET /tasks answered ${status}: ${JSON.stringify(json).slice(0, 200)}`);
    const page = json as { items: StoredTask[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function remindersOf(token: string, taskId: string): Promise<Date[]> {
  const { status, json } = await call('GET', `/reminders?taskId=${encodeURIComponent(taskId)}&limit=500`, token);
  if (status !== 200) return [];
  return (json as { items: { remindAt: string; status: string }[] }).items
    .filter((r) => r.status !== 'cancelled')
    .map((r) => new Date(r.remindAt));
}

// ------------------------------------------------------------------------------------------ checking

async function checkTask(exp: ExpectedTask, task: StoredTask, timeZone: string, refs: Reference[], token: string): Promise<string[]> {
  const errors: string[] = [];
  const due = task.dueAt ? new Date(task.dueAt) : null;
  const dueLocal = due ? localParts(due, timeZone) : undefined;
  if (exp.status && task.status !== exp.status) errors.push(`status ${task.status} (expected ${exp.status})`);
  if (exp.due !== undefined) {
    if (exp.due === null) {
      if (due) errors.push(`due ${dayName(dueLocal!.date)} ${dueLocal!.time} (expected no due date)`);
    } else if (!due) {
      errors.push('no due date');
    } else {
      const why = instantMismatch(exp.due, due, timeZone, refs);
      if (why) errors.push(`due ${why}`);
    }
  }
  if (exp.priority !== undefined) {
    const ok = (Array.isArray(exp.priority) ? exp.priority : [exp.priority]).includes(task.priority);
    if (!ok) errors.push(`priority ${task.priority} (expected ${[exp.priority].flat().join(' or ')})`);
  }
  if (exp.tags !== undefined) {
    const norm = (t: string) => t.replace(/^#/, '').toLowerCase();
    const have = [...new Set((task.tags ?? []).map(norm))].sort();
    const want = [...new Set(exp.tags.map(norm))].sort();
    if (have.join(',') !== want.join(',')) errors.push(`tags [${have.join(', ')}] (expected [${want.join(', ')}])`);
  }
  if (exp.rrule !== undefined) {
    if (exp.rrule === null) {
      if (task.recurrence) errors.push(`repeats (${task.recurrence.rrule}), expected no recurrence`);
    } else if (!task.recurrence) {
      errors.push('no recurrence');
    } else {
      const why = rruleMismatch(exp.rrule, task.recurrence.rrule, dueLocal?.date);
      if (why) errors.push(why);
      if (task.recurrence.timezone !== timeZone) errors.push(`recurrence zone ${task.recurrence.timezone} (expected ${timeZone})`);
    }
  }
  if (exp.reminderOffsets !== undefined) {
    const have = (task.reminders ?? []).map(durationSeconds);
    if (exp.reminderOffsets.length === 0) {
      if (have.length) errors.push(`reminders [${task.reminders.join(', ')}] (expected none)`);
    } else {
      const missing = exp.reminderOffsets.filter((o) => !have.includes(durationSeconds(o)));
      if (missing.length) errors.push(`reminders [${(task.reminders ?? []).join(', ')}] lack ${missing.join(', ')}`);
    }
  }
  if (exp.remindAt !== undefined) {
    const instants: Date[] = [];
    if (due) for (const r of task.reminders ?? []) instants.push(new Date(due.getTime() - durationSeconds(r) * 1000));
    let ok = instants.some((i) => !instantMismatch(exp.remindAt!, i, timeZone, refs));
    if (!ok) {
      const scheduled = await remindersOf(token, task.id);
      instants.push(...scheduled);
      ok = scheduled.some((i) => !instantMismatch(exp.remindAt!, i, timeZone, refs));
    }
    if (!ok) {
      const seen = instants.map((i) => { const p = localParts(i, timeZone); return `${dayName(p.date)} ${p.time}`; });
      const why = instants[0] ? instantMismatch(exp.remindAt, instants[0], timeZone, refs) : 'none';
      errors.push(`no reminder at the asked time (reminders at: ${seen.join(', ') || 'none'}; ${why})`);
    }
  }
  return errors;
}

async function checkExpectations(c: Case, tasks: StoredTask[], lastReply: string, timeZone: string, refs: Reference[], token: string): Promise<string[]> {
  const reasons: string[] = [];
  const e = c.expect;
  if (e.taskCount !== undefined && tasks.length !== e.taskCount) {
    reasons.push(`${tasks.length} tasks (expected ${e.taskCount}): ${tasks.map((t) => JSON.stringify(t.title)).join(', ') || '-'}`);
  }
  const used = new Set<string>();
  for (const exp of e.tasks ?? []) {
    const candidates = tasks.filter((t) => !used.has(t.id) && titleMatches(exp.title, t.title));
    if (!candidates.length) {
      const titles = tasks.filter((t) => !used.has(t.id)).map((t) => JSON.stringify(t.title));
      reasons.push(`no task titled ${JSON.stringify(exp.title)} (have: ${titles.join(', ') || '-'})`);
      continue;
    }
    let best: { task: StoredTask; errors: string[] } | undefined;
    for (const task of candidates) {
      const errors = await checkTask(exp, task, timeZone, refs, token);
      if (!best || errors.length < best.errors.length) best = { task, errors };
      if (!errors.length) break;
    }
    used.add(best!.task.id);
    for (const err of best!.errors) reasons.push(`"${best!.task.title}": ${err}`);
  }
  if (e.replyMatches && !new RegExp(e.replyMatches, 'i').test(lastReply)) {
    reasons.push(`reply does not match /${e.replyMatches}/: ${JSON.stringify(lastReply.slice(0, 200))}`);
  }
  if (e.replyNotMatches && new RegExp(e.replyNotMatches, 'i').test(lastReply)) {
    reasons.push(`reply matches /${e.replyNotMatches}/ but should not: ${JSON.stringify(lastReply.slice(0, 200))}`);
  }
  return reasons;
}

// ------------------------------------------------------------------------------------------ intent

const MUTATIONS = ['created', 'updated', 'completed', 'reopened', 'deleted', 'reminder-scheduled'];

/**
 * Whether the last turn did the kind of thing the case is about, judged by its actions only (the
 * stored tasks judge the details): a question changes nothing, an edit updates, and so on.
 */
function intentRight(kind: Kind, actions: string[]): boolean {
  const has = (...kinds: string[]) => actions.some((a) => kinds.includes(a));
  switch (kind) {
    case 'add':
      return has('created');
    case 'recurrence':
      return has('created', 'updated');
    case 'edit':
      return has('updated', 'reminder-scheduled');
    case 'complete':
      return has('completed');
    case 'delete':
      return has('deleted');
    case 'reminder':
      return has('created', 'updated', 'reminder-scheduled');
    case 'question':
      return !has(...MUTATIONS, 'clarify');
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// ----------------------------------------------------------------------------------------- running

let turnsSent = 0;

async function runCase(c: Case, runId: string): Promise<CaseResult> {
  const started = Date.now();
  const timeZone = c.timeZone ?? 'UTC';
  const result: CaseResult = {
    id: c.id, kind: c.kind, timeZone, turns: c.turns, pass: false, reasons: [], replies: [], statuses: [], tasks: [], ms: 0,
    lastActions: [], intentRight: false, turnMs: [], turnSeq: [], turnAt: [],
  };
  const token = await tokenFor(`heldout-${runId}-${c.id}`);
  const refs: Reference[] = [];
  let conversationId: string | undefined;
  try {
    for (const [i, message] of c.turns.entries()) {
      const now = new Date();
      refs.push({ now, today: localParts(now, timeZone).date });
      const body: Record<string, string> = { message, timeZone };
      if (conversationId) body.conversationId = conversationId;
      result.turnSeq.push(++turnsSent);
      result.turnAt.push(Date.now());
      const sent = performance.now();
      const { status, json } = await call('POST', '/chat', token, body);
      result.turnMs.push(Math.round((performance.now() - sent) * 10) / 10);
      result.statuses.push(status);
      const answer = (json ?? {}) as { reply?: string; conversationId?: string; detail?: string; actions?: { kind: string }[] };
      result.lastActions = (answer.actions ?? []).map((a) => a.kind);
      result.replies.push(typeof answer.reply === 'string' ? answer.reply : JSON.stringify(json).slice(0, 300));
      if (status >= 500) throw new HttpFailure(`turn ${i + 1}: HTTP ${status} ${JSON.stringify(json).slice(0, 200)}`);
      if (status !== 200) throw new HttpFailure(`turn ${i + 1}: HTTP ${status} ${answer.detail ?? JSON.stringify(json).slice(0, 200)}`);
      conversationId = answer.conversationId ?? conversationId;
    }
    const end = new Date();
    refs.push({ now: end, today: localParts(end, timeZone).date });
    const lastReply = result.replies.at(-1) ?? '';
    let tasks = await listTasks(token);
    let reasons = await checkExpectations(c, tasks, lastReply, timeZone, refs, token);
    if (reasons.length) {
      // Some effects are asynchronous (the reminder function hears of tasks through events): look once more.
      await new Promise((r) => setTimeout(r, 1500));
      tasks = await listTasks(token);
      reasons = await checkExpectations(c, tasks, lastReply, timeZone, refs, token);
    }
    result.reasons = reasons;
    result.tasks = tasks.map(({ title, status, priority, tags, dueAt, reminders, recurrence }) => ({ title, status, priority, tags, dueAt, reminders, recurrence }));
  } catch (error) {
    if (!(error instanceof HttpFailure)) throw error;
    result.reasons = [error.message];
  }
  result.pass = result.reasons.length === 0;
  // A case whose stored tasks and reply are all as expected had its intent right too (e.g. a clarifying question it expects).
  result.intentRight = result.pass || (result.statuses.every((s) => s === 200) && intentRight(c.kind, result.lastActions));
  result.ms = Date.now() - started;
  return result;
}

function loadCases(): Case[] {
  const files = readdirSync(here).filter((f) => /^cases.*\.json$/.test(f)).sort();
  const cases = files.flatMap((f) => JSON.parse(readFileSync(join(here, f), 'utf8')) as Case[]);
  const ids = new Set<string>();
  for (const c of cases) {
    const where = `case ${c.id}`;
    if (ids.has(c.id)) throw new Error(`${where}: duplicate id`);
    ids.add(c.id);
    if (!KINDS.includes(c.kind)) throw new Error(`${where}: unknown kind ${c.kind}`);
    if (!Array.isArray(c.turns) || c.turns.length < 1 || c.turns.length > 3) throw new Error(`${where}: 1 to 3 turns`);
    if (c.timeZone) new Intl.DateTimeFormat('en', { timeZone: c.timeZone }); // throws on an unknown zone
    for (const p of [c.expect.replyMatches, c.expect.replyNotMatches]) if (p) new RegExp(p, 'i');
    for (const t of c.expect.tasks ?? []) if (!t.title) throw new Error(`${where}: an expected task needs a title`);
  }
  return cases;
}

async function main(): Promise<void> {
  const all = loadCases();
  const cases = FILTER ? all.filter((c) => FILTER.test(c.id)) : all;
  try {
    await fetch(`${BASE_URL}/live`, { signal: AbortSignal.timeout(5000) });
  } catch {
    console.error(`Nothing answers at ${BASE_URL}: start the system first (npm start).`);
    process.exit(2);
  }
  const runId = Date.now().toString(36);
  const startedAt = new Date().toISOString();
  console.log(`${cases.length} cases against ${BASE_URL} (run ${runId}, concurrency ${CONCURRENCY})`);

  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < cases.length) {
      const i = next++;
      const r = await runCase(cases[i]!, runId);
      results[i] = r;
      console.log(r.pass ? `right ${r.id}` : `wrong ${r.id}: ${r.reasons.join(' | ')}`);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const byKind: Record<string, { passed: number; total: number; score: number }> = {};
  for (const r of results) {
    const k = (byKind[r.kind] ??= { passed: 0, total: 0, score: 0 });
    k.total++;
    if (r.pass) k.passed++;
  }
  for (const k of Object.values(byKind)) k.score = Math.round((1000 * k.passed) / k.total) / 10;
  const passed = results.filter((r) => r.pass).length;
  const overall = { passed, total: results.length, score: results.length ? Math.round((1000 * passed) / results.length) / 10 : 0 };

  console.log('\nScore by kind:');
  for (const kind of KINDS) {
    const k = byKind[kind];
    if (k) console.log(`  ${kind.padEnd(11)} ${String(k.passed).padStart(3)}/${String(k.total).padEnd(3)} ${k.score}%`);
  }
  console.log(`  ${'overall'.padEnd(11)} ${String(passed).padStart(3)}/${String(results.length).padEnd(3)} ${overall.score}%`);
  const serverErrors = results.filter((r) => r.statuses.some((s) => s >= 500)).length;
  if (serverErrors) console.log(`  ${serverErrors} case(s) met a 5xx`);

  const intent = results.filter((r) => r.intentRight).length;
  const intentScore = results.length ? Math.round((1000 * intent) / results.length) / 10 : 0;
  console.log(`  ${'intent'.padEnd(11)} ${String(intent).padStart(3)}/${String(results.length).padEnd(3)} ${intentScore}%`);
  for (const r of results.filter((x) => !x.intentRight)) console.log(`    intent wrong ${r.id}: last turn did [${r.lastActions.join(', ') || 'nothing'}]`);
  const turnMs = results.flatMap((r) => r.turnMs).sort((a, b) => a - b);
  const latency = { turns: turnMs.length, p50: percentile(turnMs, 50), p99: percentile(turnMs, 99), max: turnMs.at(-1) ?? 0, over50: turnMs.filter((t) => t > 50).length };
  console.log(`  POST /chat round trip (concurrency ${CONCURRENCY}): p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms; ${latency.over50} of ${latency.turns} turns over 50 ms`);
  const slowTurns = results.flatMap((r) => r.turnMs.map((ms, i) => ({ ms, seq: r.turnSeq[i], at: r.turnAt[i], id: r.id, turn: i + 1 }))).filter((t) => t.ms > 50);
  const SLOW_TURNS_SHOWN = 20;
  for (const t of slowTurns.slice(0, SLOW_TURNS_SHOWN)) console.log(`    over 50 ms: ${t.ms} ms, message ${t.seq} of the run (${t.id}, turn ${t.turn}), sent at ${new Date(t.at ?? 0).toISOString()}`);
  if (slowTurns.length > SLOW_TURNS_SHOWN) console.log(`    … and ${slowTurns.length - SLOW_TURNS_SHOWN} more (every turn's time is in results.json)`);

  writeFileSync(
    join(here, 'results.json'),
    `${JSON.stringify({ baseUrl: BASE_URL, runId, startedAt, finishedAt: new Date().toISOString(), filter: FILTER?.source ?? null, overall, intent: { passed: intent, total: results.length, score: intentScore }, latency, byKind, cases: results }, null, 2)}\n`,
  );
  console.log(`\nWrote ${join('eval', 'chat-heldout', 'results.json')}`);
}

await main();
