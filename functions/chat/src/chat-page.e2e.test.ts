import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatKit, startChatKit, wholeSystem } from '../test/chat-test-kit';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = new URL('../../../test-results/', import.meta.url);
const hasChromium = existsSync(CHROMIUM);
// In CI the browser is installed on purpose: a missing one is a failure there, not a reason to skip.
const required = process.env.CI === 'true';

if (!hasChromium && !required) console.warn(`chat-page.e2e: skipped, ${CHROMIUM} is missing (apt-get install chromium, or set CHROMIUM_PATH)`);

// Flags that keep a headless Chromium from reaching for the network (there may be none) or a GPU.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

// Runs in the page before its own script: records every browser notification it shows.
const RECORD_NOTIFICATIONS = `
  window.shownNotifications = [];
  const Original = window.Notification;
  class Recording extends Original {
    constructor(title, options) {
      super(title, options);
      window.shownNotifications.push({ title, body: options && options.body });
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Original.permission });
  window.Notification = Recording;
`;

let kit: ChatKit;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const browserErrors: string[] = [];

const shot = (name: string, on: Page = page) => on.screenshot({ path: new URL(`chat-${name}.png`, SHOTS).pathname, fullPage: true });
const lastReply = (on: Page = page) => on.locator('#log li.assistant:not(.thinking) .text').last().textContent();

async function newUserPage(viewport = { width: 1100, height: 760 }): Promise<{ context: BrowserContext; page: Page }> {
  const fresh = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB', viewport });
  await fresh.grantPermissions(['notifications'], { origin: kit.url });
  await fresh.addInitScript(RECORD_NOTIFICATIONS);
  const opened = await fresh.newPage();
  opened.on('console', (message) => {
    if (message.type() === 'error') browserErrors.push(message.text());
  });
  opened.on('pageerror', (error) => browserErrors.push(error.message));
  return { context: fresh, page: opened };
}

async function signIn(on: Page, user: string) {
  await on.goto(kit.url);
  await on.getByLabel('User name').fill(user);
  await on.getByLabel('User name').press('Enter');
  await on.locator('#app').waitFor({ state: 'visible' });
  await expect.poll(() => on.locator('#status').textContent()).toBe('Live updates on');
}

/** True when nothing (hidden text in a scrolled box, say) makes the page taller than what it shows. */
const pageEndsAtItsContent = (on: Page) => on.evaluate<boolean>("document.documentElement.scrollHeight <= document.getElementById('status').getBoundingClientRect().bottom + window.scrollY + 40");

async function say(message: string, on: Page = page) {
  const replies = await on.locator('#log li.assistant:not(.thinking)').count();
  await on.getByLabel('Message').fill(message);
  await on.getByLabel('Message').press('Enter');
  await expect.poll(() => on.locator('#log li.assistant:not(.thinking)').count()).toBeGreaterThan(replies);
}

describe.skipIf(!hasChromium && !required)('the chat page in Chromium', () => {
  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
    mkdirSync(SHOTS, { recursive: true });
    kit = await startChatKit({ modules: wholeSystem });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    ({ context, page } = await newUserPage());
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await kit?.stop();
  });

  it('signs in with the keyboard and puts the cursor in the message box', async () => {
    await signIn(page, 'erin');
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('message');
    expect(await page.locator('#no-tasks').isVisible()).toBe(true);
    await shot('1-signed-in');
  });

  it('adds a task by chat and shows it with its due time in the user zone, priority and tags', async () => {
    await say('add buy milk tomorrow at 5pm #shopping !high');
    expect(await lastReply()).toMatch(/^Added "buy milk" · due .* 5:00 PM · high · #shopping\. I will remind you when it is due\.$/);
    const item = page.locator('.task', { hasText: 'buy milk' });
    await item.waitFor();
    expect(await item.locator('.priority').textContent()).toBe('high');
    expect(await item.locator('.tag').textContent()).toBe('#shopping');
    expect(await item.locator('.due').textContent()).toBe('Due tomorrow, 17:00');
    const task = (await kit.call('erin', 'GET', `/tasks/${await item.getAttribute('data-id')}`)).body;
    expect(await item.locator('.due').getAttribute('datetime')).toBe(task.dueAt);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(new Date(task.dueAt))).toBe('17:00');
    expect(await page.locator('#task-count').textContent()).toBe('1 open');
    await shot('2-task-added');
  });

  it('labels every control and shows where the keyboard focus is', async () => {
    expect(await page.getByRole('checkbox', { name: 'buy milk' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Conversation' }).getAttribute('aria-live')).toBe('polite');
    await page.getByLabel('Message').focus();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(`(() => {
      const style = getComputedStyle(document.activeElement);
      return { name: document.activeElement.textContent, style: style.outlineStyle, width: style.outlineWidth };
    })()`);
    expect(outline).toEqual({ name: 'Send', style: 'solid', width: '3px' });
  });

  it('completes a task when its box is ticked with the keyboard, and keeps the focus in the list', async () => {
    await kit.call('erin', 'POST', '/tasks', { title: 'water the plants' });
    const milk = page.locator('.task', { hasText: 'buy milk' });
    await page.locator('.task', { hasText: 'water the plants' }).waitFor();
    const id = await milk.getAttribute('data-id');
    await page.getByRole('checkbox', { name: 'buy milk' }).focus();
    await page.keyboard.press('Space');
    await milk.waitFor({ state: 'detached' });
    expect((await kit.call('erin', 'GET', `/tasks/${id}`)).body.status).toBe('completed');
    expect(await page.evaluate<string>("document.activeElement?.closest('.task')?.textContent")).toMatch(/water the plants/);
    expect(await page.locator('#status').textContent()).toBe('Completed "buy milk"');
    await shot('3-task-completed');
  });

  it('keeps the conversation across a reload', async () => {
    await page.reload();
    await expect.poll(() => page.locator('#log li').count()).toBe(2);
    expect(await page.locator('#log li.user .text').first().textContent()).toBe('add buy milk tomorrow at 5pm #shopping !high');
    expect(await page.locator('#log li.user').first().textContent()).toBe('You: add buy milk tomorrow at 5pm #shopping !high');
  });

  it('keeps the page as tall as its content when the conversation scrolls', async () => {
    for (const message of ['show my tasks', 'help', "what's due today", 'overdue', 'show everything']) await say(message);
    expect(await page.evaluate<boolean>("document.getElementById('log').scrollHeight > document.getElementById('log').clientHeight")).toBe(true);
    expect(await pageEndsAtItsContent(page)).toBe(true);
  });

  it('renders HTML typed into the chat or coming from another client as text', async () => {
    await say('add <img src=x onerror=window.injected=1> tomorrow');
    await kit.call('erin', 'POST', '/tasks', { title: '<b onmouseover=alert(1)>bold</b>', priority: 'urgent', tags: ['web'] });
    await page.locator('.task', { hasText: '<b onmouseover=alert(1)>bold</b>' }).waitFor();
    await page.locator('.task', { hasText: '<img src=x onerror=window.injected=1>' }).waitFor();
    expect(await page.locator('#log li.user .text').last().textContent()).toBe('add <img src=x onerror=window.injected=1> tomorrow');
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(await page.evaluate('window.injected')).toBeUndefined();
  });

  it('marks a task that is past its due time as overdue', async () => {
    await kit.call('erin', 'POST', '/tasks', { title: 'file the tax return', dueAt: new Date(Date.now() - 3_600_000).toISOString(), reminders: [] });
    const item = page.locator('.task', { hasText: 'file the tax return' });
    await item.waitFor();
    expect(await item.getAttribute('class')).toContain('overdue');
    expect(await item.locator('.due').textContent()).toMatch(/^Overdue: /);
  });

  it('shows a reminder live when a task comes due, as a browser notification too', async () => {
    const dueAt = new Date(Date.now() + 4_000).toISOString();
    await kit.call('erin', 'POST', '/tasks', { title: 'Stretch your legs', dueAt });
    const note = page.locator('#notifications li', { hasText: 'Stretch your legs' });
    await note.waitFor({ timeout: 20_000 });
    expect(await note.locator('.kind').textContent()).toBe('Reminder');
    expect(await page.locator('#no-notifications').isVisible()).toBe(false);
    await expect.poll(() => page.evaluate('window.shownNotifications')).toContainEqual({ title: 'Reminder', body: 'Stretch your legs' });
    await expect.poll(() => page.locator('.task', { hasText: 'Stretch your legs' }).getAttribute('class')).toContain('overdue');
    await shot('4-reminder');
  });

  it('sends quick messages in order, in one conversation', async () => {
    const fresh = await newUserPage();
    await signIn(fresh.page, 'quinn');
    const input = fresh.page.getByLabel('Message');
    for (const message of ['add first thing', 'add second thing', 'show my tasks']) {
      await input.fill(message);
      await input.press('Enter');
    }
    await expect.poll(() => fresh.page.locator('#log li.assistant:not(.thinking)').count()).toBe(4);
    expect(await lastReply(fresh.page)).toMatch(/^Your tasks \(2\):\n1\. "first thing"\n2\. "second thing"$/);
    const conversations = (await kit.call('quinn', 'GET', '/conversations')).body.items;
    expect(conversations).toHaveLength(1);
    await fresh.context.close();
  });

  it('puts the chat and the task list in one column on a phone', async () => {
    const phone = await newUserPage({ width: 390, height: 844 });
    await signIn(phone.page, 'erin');
    await phone.page.locator('.task').first().waitFor();
    const chat = (await phone.page.locator('#chat').boundingBox())!;
    const tasks = (await phone.page.locator('#tasks').boundingBox())!;
    expect(tasks.y).toBeGreaterThan(chat.y + chat.height - 1);
    expect(chat.x + chat.width).toBeLessThanOrEqual(390);
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await pageEndsAtItsContent(phone.page)).toBe(true);
    expect(await phone.page.locator('#notifications li .kind').first().textContent()).toBe('Reminder');
    await shot('5-phone', phone.page);
    await phone.context.close();
  });

  it('logs no errors in the browser console along the way', () => {
    expect(browserErrors).toEqual([]);
  });
});
