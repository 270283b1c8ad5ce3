// The chat page: no framework, no build step. User data is only ever set with textContent.
const $ = (id) => document.getElementById(id);
function remember(key, value) {
  if (value) localStorage.setItem(key, value);
  else localStorage.removeItem(key);
}
const store = {
  get token() { return localStorage.getItem('todo.token'); },
  set token(value) { remember('todo.token', value); },
  get conversation() { return localStorage.getItem('todo.conversation'); },
  set conversation(value) { remember('todo.conversation', value); },
};
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const tasks = new Map();
const shownNotifications = new Set();
let events = null;
let streamOpened = false;
let userId = null;
let sending = Promise.resolve();

function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function status(text) {
  $('status').textContent = text;
}

async function api(method, path, body) {
  const headers = { authorization: `Bearer ${store.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    signOut('Your session has ended; please sign in again.');
    throw new Error('unauthorized');
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const field = data?.errors?.[0];
    throw new Error(field ? `${field.field} ${field.message}` : (data?.detail ?? `${response.status}`));
  }
  return data;
}

function userOfToken(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}

// ---- dates: the browser's own time zone and language

const dayNumber = (date) => Math.floor((date.getTime() - date.getTimezoneOffset() * 60_000) / 86_400_000);

/** "today 17:00", "tomorrow 9:00", "Fri 4 Dec, 9:00" in the user's zone and locale. */
function when(iso) {
  const date = new Date(iso);
  const days = dayNumber(date) - dayNumber(new Date());
  const day = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days === -1 ? 'yesterday' : dayFormat.format(date);
  return `${day}, ${timeFormat.format(date)}`;
}

function timeElement(iso, className, prefix) {
  return el('time', { className, text: `${prefix}${when(iso)}`, attrs: { datetime: iso, title: fullFormat.format(new Date(iso)) } });
}

// ---- chat

function addMessage(role, text) {
  const who = role.startsWith('user') ? 'You' : role.startsWith('error') ? 'Problem' : 'Assistant';
  // The speaker is spelled out for screen readers; sighted users see it from the bubble's side.
  const item = el('li', { className: role }, el('span', { className: 'visually-hidden', text: `${who}: ` }), el('span', { className: 'text', text }));
  $('log').append(item);
  item.scrollIntoView({ block: 'end' });
  return item;
}

async function loadHistory() {
  $('log').replaceChildren();
  let conversation = null;
  if (store.conversation) conversation = await api('GET', `/conversations/${encodeURIComponent(store.conversation)}`).catch(() => null);
  if (!conversation) {
    const latest = await api('GET', '/conversations').catch(() => ({ items: [] }));
    if (latest.items[0]) conversation = await api('GET', `/conversations/${latest.items[0].id}`).catch(() => null);
  }
  store.conversation = conversation?.id ?? null;
  for (const message of conversation?.messages ?? []) addMessage(message.role, message.text);
  if (!conversation) addMessage('assistant', 'Hi! Tell me what you need to do, for example "add buy milk tomorrow at 5pm #shopping". Say "help" for more.');
}

async function send(message) {
  addMessage('user', message);
  const thinking = addMessage('assistant thinking', '…');
  thinking.setAttribute('aria-label', 'The assistant is answering');
  $('log').setAttribute('aria-busy', 'true');
  try {
    const answer = await api('POST', '/chat', { message, timeZone, ...(store.conversation ? { conversationId: store.conversation } : {}) });
    store.conversation = answer.conversationId;
    thinking.remove();
    addMessage('assistant', answer.reply);
    for (const task of answer.tasks ?? []) upsertTask(task);
    if (answer.actions.some((action) => action.kind === 'deleted')) await loadTasks();
  } catch (error) {
    thinking.remove();
    if (error.message !== 'unauthorized') addMessage('error', `Could not send: ${error.message}`).setAttribute('role', 'alert');
  } finally {
    $('log').setAttribute('aria-busy', 'false');
  }
}

// ---- tasks

function isOverdue(task) {
  return task.status === 'pending' && task.dueAt && new Date(task.dueAt) < new Date();
}

function taskItem(task) {
  const overdue = isOverdue(task);
  const box = el('input', { attrs: { type: 'checkbox', id: `task-${task.id}` } });
  box.checked = task.status === 'completed';
  box.addEventListener('change', () => toggle(task, box));
  const title = el('label', { className: 'title', text: task.title, attrs: { for: box.id } });
  const meta = el('div', { className: 'meta' });
  if (task.dueAt) meta.append(timeElement(task.dueAt, 'due', overdue ? 'Overdue: ' : 'Due '));
  if (task.priority !== 'medium') meta.append(el('span', { className: `priority ${task.priority}`, text: task.priority }));
  for (const tag of task.tags) meta.append(el('span', { className: 'tag', text: `#${tag}` }));
  if (task.recurrence) meta.append(el('span', { className: 'repeats', text: '↻ repeats', attrs: { title: task.recurrence.rrule } }));
  const item = el('li', { className: `task ${task.status}${overdue ? ' overdue' : ''}`, attrs: { 'data-id': task.id } }, box, title, meta);
  if (task.description) item.append(el('p', { className: 'description', text: task.description }));
  return item;
}

function dueKey(task) {
  return task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY;
}

/** Re-draws the list; keyboard focus stays on the same task's box, or moves to its neighbour when it left. */
function renderTasks() {
  const focused = document.activeElement?.closest?.('#task-list .task')?.dataset.id;
  const before = focused ? [...$('task-list').children].map((item) => item.dataset.id) : [];
  const showDone = $('show-done').checked;
  const visible = [...tasks.values()].filter((task) => showDone || task.status === 'pending').sort((a, b) => dueKey(a) - dueKey(b) || a.createdAt.localeCompare(b.createdAt));
  $('task-list').replaceChildren(...visible.map(taskItem));
  $('no-tasks').hidden = visible.length > 0;
  const pending = [...tasks.values()].filter((task) => task.status === 'pending').length;
  $('task-count').textContent = `${pending} open`;
  if (!focused) return;
  const still = visible.find((task) => task.id === focused);
  const neighbour = still ?? visible[Math.min(before.indexOf(focused), visible.length - 1)];
  (neighbour ? $(`task-${neighbour.id}`) : $('message')).focus();
}

function upsertTask(task) {
  tasks.set(task.id, task);
  renderTasks();
}

async function loadTasks() {
  const query = $('show-done').checked ? '' : '&status=pending';
  const page = await api('GET', `/tasks?limit=200${query}`);
  tasks.clear();
  for (const task of page.items) tasks.set(task.id, task);
  renderTasks();
}

const toggling = new Set();

async function toggle(task, box) {
  // Not `disabled`: that would take the keyboard focus away from the box while the request runs.
  if (toggling.has(task.id)) {
    box.checked = !box.checked;
    return;
  }
  toggling.add(task.id);
  box.setAttribute('aria-busy', 'true');
  try {
    upsertTask(box.checked ? await api('POST', `/tasks/${task.id}/complete`) : await api('PUT', `/tasks/${task.id}`, { status: 'pending' }));
    status(box.checked ? `Completed "${task.title}"` : `Reopened "${task.title}"`);
  } catch (error) {
    box.checked = !box.checked;
    status(`Could not change the task: ${error.message}`);
  } finally {
    toggling.delete(task.id);
    box.removeAttribute('aria-busy');
  }
}

// ---- notifications and the live stream

function showNotification(note) {
  if (shownNotifications.has(note.id)) return false;
  shownNotifications.add(note.id);
  const item = el('li', { className: 'notification' }, el('span', { className: 'kind', text: note.reminder ? 'Reminder' : 'Notice' }), el('span', { className: 'what', text: note.title }));
  if (note.createdAt) item.append(timeElement(note.createdAt, 'at', ''));
  $('notifications').prepend(item);
  $('no-notifications').hidden = true;
  return true;
}

async function loadNotifications() {
  try {
    const { items } = await api('GET', `/notifications/${encodeURIComponent(userId)}`);
    for (const note of items.filter((item) => item.channel === 'in-app').reverse()) showNotification({ id: note.id, title: note.title, reminder: !!note.taskId, createdAt: note.createdAt });
  } catch {
    // The notification function may not run here; live notifications still arrive.
  }
}

function onLiveNotification(data) {
  if (data.channel !== 'in-app') return;
  const fresh = showNotification({ id: data.notificationId, title: data.title, reminder: !!data.reminderId, createdAt: data.time });
  // A reminder usually means a task just came due: redraw so it shows as overdue.
  renderTasks();
  if (fresh && data.reminderId && 'Notification' in window && Notification.permission === 'granted') {
    new Notification('Reminder', { body: data.title, tag: data.notificationId });
  }
}

let reconnectTimer;
let reconnectDelay = 1_000;

function reconnectLater() {
  clearTimeout(reconnectTimer);
  reconnectTimer = setTimeout(() => void connect(), reconnectDelay);
  reconnectDelay = Math.min(reconnectDelay * 2, 30_000);
}

// The stream is opened with a single-use ticket, never with the token: a URL ends up in logs.
async function connect() {
  clearTimeout(reconnectTimer);
  events?.close();
  let ticket;
  try {
    ({ ticket } = await api('POST', '/stream/tickets'));
  } catch {
    // Signed out (api() handled it), or the server is away: try again later.
    if (store.token) reconnectLater();
    return;
  }
  events = new EventSource(`/stream?ticket=${encodeURIComponent(ticket)}`);
  events.addEventListener('ready', () => {
    status('Live updates on');
    reconnectDelay = 1_000;
    // After a reconnect, catch up on what changed while the stream was down.
    if (streamOpened) void Promise.all([loadTasks(), loadNotifications()]).catch(() => undefined);
    streamOpened = true;
  });
  events.addEventListener('task', (message) => {
    const { change, task } = JSON.parse(message.data);
    if (change === 'deleted') tasks.delete(task.id);
    else tasks.set(task.id, task);
    renderTasks();
  });
  events.addEventListener('notification', (message) => onLiveNotification(JSON.parse(message.data)));
  events.addEventListener('error', () => {
    status('Live updates reconnecting…');
    // The browser would retry with the spent ticket: reconnect with a new one instead.
    events.close();
    reconnectLater();
  });
}

function updateNotifyButton() {
  const button = $('notify-button');
  button.hidden = !('Notification' in window) || Notification.permission !== 'default';
}

// ---- session

async function showApp() {
  userId = userOfToken(store.token);
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('session').hidden = false;
  $('who').textContent = `Signed in as ${userId}`;
  updateNotifyButton();
  await Promise.all([loadHistory(), loadTasks(), loadNotifications()]);
  streamOpened = false;
  connect();
  $('message').focus();
}

async function showSignIn(message = '') {
  events?.close();
  events = null;
  $('app').hidden = true;
  $('session').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  const config = await fetch('/auth/config').then((r) => r.json()).catch(() => ({ localSignIn: false }));
  $('local-sign-in').hidden = !config.localSignIn;
  $('token-sign-in').hidden = config.localSignIn;
  (config.localSignIn ? $('user-id') : $('access-token')).focus();
}

function signOut(message) {
  clearTimeout(reconnectTimer);
  events?.close();
  store.token = null;
  store.conversation = null;
  tasks.clear();
  shownNotifications.clear();
  $('notifications').replaceChildren();
  $('no-notifications').hidden = false;
  void showSignIn(message);
}

$('local-sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('/auth/local', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: $('user-id').value.trim() }) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('sign-in-error').textContent = data.errors?.[0] ? `User name ${data.errors[0].message}` : (data.detail ?? 'Sign-in failed');
    return;
  }
  store.token = data.token;
  store.conversation = null;
  await showApp();
});

$('token-sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  store.token = $('access-token').value.trim();
  await showApp();
});

$('chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('message');
  const message = input.value.trim();
  if (!message) return;
  input.value = '';
  // One message at a time, in order: the first answer names the conversation the next one continues.
  sending = sending.then(() => send(message));
});

$('new-conversation').addEventListener('click', () => {
  store.conversation = null;
  $('log').replaceChildren();
  addMessage('assistant', 'New conversation. What do you need to do?');
  $('message').focus();
});

$('show-done').addEventListener('change', () => void loadTasks());
$('sign-out').addEventListener('click', () => signOut(''));
$('notify-button').addEventListener('click', async () => {
  await Notification.requestPermission();
  updateNotifyButton();
});
// Due times turn overdue as the clock moves on.
setInterval(renderTasks, 30_000);

if (store.token) showApp().catch(() => undefined);
else void showSignIn();
