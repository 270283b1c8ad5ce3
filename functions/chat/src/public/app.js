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
const dueFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const tasks = new Map();
const shownNotifications = new Set();
let events = null;
let userId = null;

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
  if (!response.ok) throw new Error(data?.detail ?? `${response.status}`);
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

// ---- chat

function addMessage(role, text) {
  const item = el('li', { className: role, text });
  $('log').append(item);
  item.scrollIntoView({ block: 'end' });
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
  try {
    const answer = await api('POST', '/chat', { message, timeZone, ...(store.conversation ? { conversationId: store.conversation } : {}) });
    store.conversation = answer.conversationId;
    addMessage('assistant', answer.reply);
    for (const task of answer.tasks ?? []) upsertTask(task);
    if (answer.actions.some((action) => action.kind === 'deleted')) await loadTasks();
  } catch (error) {
    if (error.message !== 'unauthorized') addMessage('error', `Could not send: ${error.message}`);
  }
}

// ---- tasks

function isOverdue(task) {
  return task.status === 'pending' && task.dueAt && new Date(task.dueAt) < new Date();
}

function taskItem(task) {
  const box = el('input', { attrs: { type: 'checkbox', id: `task-${task.id}` } });
  box.checked = task.status === 'completed';
  box.addEventListener('change', () => toggle(task, box));
  const title = el('label', { className: 'title', text: task.title, attrs: { for: box.id } });
  const meta = el('div', { className: 'meta' });
  if (task.dueAt) meta.append(el('span', { className: 'due', text: `${isOverdue(task) ? 'Overdue: ' : 'Due '}${dueFormat.format(new Date(task.dueAt))}` }));
  if (task.priority !== 'medium') meta.append(el('span', { className: `priority ${task.priority}`, text: task.priority }));
  for (const tag of task.tags) meta.append(el('span', { className: 'tag', text: `#${tag}` }));
  if (task.recurrence) meta.append(el('span', { text: 'repeats' }));
  const item = el('li', { className: `task ${task.status}${isOverdue(task) ? ' overdue' : ''}`, attrs: { 'data-id': task.id } }, box, title, meta);
  return item;
}

function dueKey(task) {
  return task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY;
}

function renderTasks() {
  const showDone = $('show-done').checked;
  const visible = [...tasks.values()].filter((task) => showDone || task.status === 'pending').sort((a, b) => dueKey(a) - dueKey(b) || a.createdAt.localeCompare(b.createdAt));
  $('task-list').replaceChildren(...visible.map(taskItem));
  $('no-tasks').hidden = visible.length > 0;
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

async function toggle(task, box) {
  box.disabled = true;
  try {
    upsertTask(box.checked ? await api('POST', `/tasks/${task.id}/complete`) : await api('PUT', `/tasks/${task.id}`, { status: 'pending' }));
    status(box.checked ? `Completed "${task.title}"` : `Reopened "${task.title}"`);
  } catch (error) {
    box.checked = !box.checked;
    status(`Could not change the task: ${error.message}`);
  } finally {
    box.disabled = false;
  }
}

// ---- notifications and the live stream

function showNotification(note) {
  if (shownNotifications.has(note.id)) return;
  shownNotifications.add(note.id);
  const when = note.createdAt ? dueFormat.format(new Date(note.createdAt)) : '';
  $('notifications').prepend(el('li', { className: 'notification', text: `${note.title}${note.body ? ` — ${note.body}` : ''}${when ? ` (${when})` : ''}` }));
  return true;
}

async function loadNotifications() {
  try {
    const { items } = await api('GET', `/notifications/${encodeURIComponent(userId)}`);
    for (const note of items.filter((item) => item.channel === 'in-app').reverse()) showNotification(note);
  } catch {
    // The notification function may not run here; live notifications still arrive.
  }
}

function onLiveNotification(data) {
  if (data.channel !== 'in-app') return;
  const fresh = showNotification({ id: data.notificationId, title: data.title, body: data.reminderId ? 'Reminder' : '', createdAt: data.time });
  if (fresh && data.reminderId && 'Notification' in window && Notification.permission === 'granted') {
    new Notification('Reminder', { body: data.title, tag: data.notificationId });
  }
}

function connect() {
  events?.close();
  events = new EventSource(`/stream?access_token=${encodeURIComponent(store.token)}`);
  events.addEventListener('ready', () => status('Live updates on'));
  events.addEventListener('task', (message) => {
    const { change, task } = JSON.parse(message.data);
    if (change === 'deleted') tasks.delete(task.id);
    else tasks.set(task.id, task);
    renderTasks();
  });
  events.addEventListener('notification', (message) => onLiveNotification(JSON.parse(message.data)));
  events.addEventListener('error', () => status('Live updates reconnecting…'));
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
  store.token = null;
  store.conversation = null;
  tasks.clear();
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
  void send(message);
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
setInterval(renderTasks, 60_000);

if (store.token) showApp().catch(() => undefined);
else void showSignIn();
