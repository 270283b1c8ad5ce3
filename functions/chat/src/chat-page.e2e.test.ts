import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localModules } from '../../../local/modules';
import { type ChatKit, startChatKit } from './chat-test-kit';
import { createChatModule } from './chat-module';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = new URL('../../../test-results/', import.meta.url);
const hasChromium = existsSync(CHROMIUM);
const hasReminders = ['reminder', 'notification'].every((name) => localModules.some((module) => module.name === name));

if (!hasChromium) console.warn(`chat-page.e2e: skipped, ${CHROMIUM} is missing (apt-get install chromium)`);

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
let page: Page;

const shot = (name: string) => page.screenshot({ path: new URL(`chat-${name}.png`, SHOTS).pathname, fullPage: true });

describe.skipIf(!hasChromium)(`the chat page in Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is missing)`}`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The whole one-process system as `npm start` runs it (each function in a schema of its own).
    kit = await startChatKit({ modules: (env) => [...localModules.filter((module) => module.name !== 'chat'), createChatModule({ env })] });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB', viewport: { width: 1100, height: 760 } });
    await context.grantPermissions(['notifications'], { origin: kit.url });
    // Record browser notifications the page shows.
    await context.addInitScript(RECORD_NOTIFICATIONS);
    page = await context.newPage();
  });

  afterAll(async () => {
    await page?.close().catch(() => undefined);
    await browser?.close();
    await kit?.stop();
  });

  it('signs in, adds a task by chat, shows it, and completes it by ticking', async () => {
    await page.goto(kit.url);
    await page.getByLabel('User name').fill('erin');
    await page.getByLabel('User name').press('Enter');
    await page.locator('#app').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#status').textContent()).toBe('Live updates on');
    await shot('1-signed-in');

    await page.getByLabel('Message').fill('add buy milk tomorrow at 5pm #shopping !high');
    await page.getByLabel('Message').press('Enter');
    const item = page.locator('.task', { hasText: /buy milk/i });
    await item.waitFor();
    await expect.poll(() => page.locator('#log li.assistant').last().textContent()).toMatch(/^Added "buy milk"/i);
    expect(await item.locator('.priority').textContent()).toBe('high');
    expect(await item.locator('.tag').textContent()).toBe('#shopping');
    expect(await item.locator('.due').textContent()).toMatch(/^Due .*17:00/);
    await shot('2-task-added');

    const id = await item.getAttribute('data-id');
    await item.getByRole('checkbox').check();
    await item.waitFor({ state: 'detached' });
    expect((await kit.call('erin', 'GET', `/tasks/${id}`)).body.status).toBe('completed');
    await shot('3-task-completed');

    await page.reload();
    await expect.poll(() => page.locator('#log li').count()).toBe(2);
    expect(await page.locator('#log li.user').first().textContent()).toBe('add buy milk tomorrow at 5pm #shopping !high');
  });

  it('shows a task another client created live, and renders hostile titles as text', async () => {
    await kit.call('erin', 'POST', '/tasks', { title: '<img src=x onerror=alert(1)>', priority: 'urgent', tags: ['web'] });
    const item = page.locator('.task', { hasText: '<img src=x onerror=alert(1)>' });
    await item.waitFor();
    expect(await page.locator('#task-list img').count()).toBe(0);
  });

  it.skipIf(!hasReminders)('shows a reminder notification live when a task comes due', async () => {
    const dueAt = new Date(Date.now() + 4_000).toISOString();
    await kit.call('erin', 'POST', '/tasks', { title: 'Stretch your legs', dueAt });
    const note = page.locator('#notifications li', { hasText: 'Stretch your legs' });
    await note.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.evaluate('window.shownNotifications')).toContainEqual({ title: 'Reminder', body: 'Stretch your legs' });
    await shot('4-reminder');
  });

  it('puts the chat and the task list in one column on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    const chat = await page.locator('#chat').boundingBox();
    const tasks = await page.locator('#tasks').boundingBox();
    expect(tasks!.y).toBeGreaterThan(chat!.y + chat!.height - 1);
    await shot('5-phone');
  });
});

