// mamori's web UI in Debian's Chromium (run by tests/browser/run.sh, which
// serves the demo municipality at $BASE).  Each test is one thing a person
// does; the file ends with the "N passed, N failed" line tests/run.sh reads.
'use strict';
const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const BASE = process.env.BASE;
const SHOTS = process.env.SHOTS;
const DEMO_TOTP_KEY = 'MAMORIDEMOTOTPKAKUUSHIMAMORIDEMO';
const ACCOUNTS = {
  ciso: { login: '900001', password: 'demo-ciso-kakuu' },
  manager: { login: '950001', password: 'demo-kacho-kakuu' },
  staff: { login: '170003', password: 'demo-shokuin-kakuu' },
};

function mamori(...args) {
  return execFileSync(process.env.MAMORI, ['--db', process.env.DB, ...args], { encoding: 'utf8' });
}

// The current TOTP code of the demo key, as an authenticator app shows it.
function totpCode() {
  return execFileSync('oathtool', ['--totp', '-b', DEMO_TOTP_KEY], { encoding: 'utf8' }).trim();
}

async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
}

async function signIn(page, who) {
  await page.goto(BASE + '/login');
  await page.fill('#login', who.login);
  await page.fill('#password', who.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

function expect(cond, what) {
  if (!cond) throw new Error(what);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('the login page shows the banner and refuses a wrong password plainly', async (page) => {
  await page.goto(BASE + '/login');
  await shot(page, 'login');
  const body = await page.textContent('body');
  expect(/記録/.test(body), 'no login banner');
  await signIn(page, { login: '950001', password: 'wrong-password-123' });
  const wrong = await page.textContent('body');
  await signIn(page, { login: '999999', password: 'wrong-password-123' });
  const unknown = await page.textContent('body');
  expect(page.url().endsWith('/login'), 'not back on the login page: ' + page.url());
  expect(wrong.replace(/\s+/g, '') === unknown.replace(/\s+/g, ''),
    'unknown login and wrong password answer differently');
});

test('the CISO signs in with a TOTP code and sees findings by chapter', async (page) => {
  await signIn(page, ACCOUNTS.ciso);
  expect(page.url().includes('/login/totp'), 'no second factor asked: ' + page.url());
  await page.fill('#code', totpCode());
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  expect(new URL(page.url()).pathname === '/', 'not on the dashboard: ' + page.url());
  const body = await page.textContent('body');
  expect(/ダッシュボード/.test(body), 'no dashboard heading');
  expect(/前回/.test(body), 'no previous sign-in shown');
  await shot(page, 'dashboard');
  await page.goto(BASE + '/findings');
  const findings = await page.textContent('main');
  expect(/asset\.secure_storage|保管場所/.test(findings), 'the demo finding is not listed');
  await shot(page, 'findings');
  const link = await page.$('main a[href^="/catalog/"]');
  expect(link, 'findings do not link to their clause');
  const clause = (await link.textContent()).trim();
  await Promise.all([page.waitForNavigation(), link.click()]);
  const h1 = await page.textContent('main h1');
  expect(h1.includes(clause), 'the clause page shows ' + h1 + ', not ' + clause);
  await shot(page, 'catalog-clause');
});

test('a 課長 sees only the assets of the 課 and not another 課 by URL', async (page) => {
  const all = JSON.parse(mamori('--format', 'json', 'asset', 'list')).assets;
  const mine = all.filter((a) => a.unit === 'S002');
  const other = all.find((a) => a.unit !== 'S002');
  await signIn(page, ACCOUNTS.manager);
  await page.goto(BASE + '/assets');
  await shot(page, 'assets');
  const list = await page.textContent('main');
  expect(!list.includes(other.asset_no), 'another 課 asset is listed: ' + other.asset_no);
  if (mine.length) expect(list.includes(mine[0].asset_no), 'own asset missing: ' + mine[0].asset_no);
  const res = await page.goto(BASE + '/assets/' + encodeURIComponent(other.asset_no));
  expect(res.status() === 404, 'another 課 asset answered ' + res.status());
});

test('staff cannot open the findings page, and sign-out ends the session', async (page) => {
  await signIn(page, ACCOUNTS.staff);
  const res = await page.goto(BASE + '/findings');
  expect(res.status() === 403, '/findings answered ' + res.status() + ' to staff');
  await page.goto(BASE + '/');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/logout"] button')]);
  await page.goto(BASE + '/assets');
  expect(page.url().includes('/login'), 'still signed in after sign-out: ' + page.url());
});

test('the CISO opens 組織・職員 and 記録, and verifies the journal', async (page) => {
  await signIn(page, ACCOUNTS.ciso);
  // a code is accepted once: if the previous test used this window's code,
  // wait for the next one, as a person would
  const first = totpCode();
  await page.fill('#code', first);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (page.url().includes('/login/totp')) {
    while (totpCode() === first) await new Promise((r) => setTimeout(r, 500));
    await page.fill('#code', totpCode());
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  }
  expect(new URL(page.url()).pathname === '/', 'not signed in: ' + page.url());
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/org"]')]);
  const org = await page.textContent('main');
  expect(/組織・職員・役割/.test(org) && /情報セキュリティ管理者/.test(org), 'no organisation tree');
  await shot(page, 'org');
  await page.goto(BASE + '/org/contacts');
  const contacts = await page.textContent('main');
  expect(/緊急連絡網/.test(contacts) && /CISO|最高情報セキュリティ責任者/.test(contacts),
    'no contact tree');
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/journal"]')]);
  const journal = await page.textContent('main');
  expect(/記録の一覧/.test(journal), 'no journal list');
  await shot(page, 'journal');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/journal/verify"] button')]);
  const verified = await page.textContent('main');
  expect(/改ざんはありません/.test(verified), 'verify did not report an intact journal');
});

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
  let passed = 0, failed = 0;
  for (const t of tests) {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await t.fn(page);
      passed++;
    } catch (err) {
      failed++;
      console.log('FAIL ' + t.name + '\n  ' + err.message);
    }
    await context.close();
  }
  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((err) => {
  console.log(String(err));
  console.log('0 passed, 1 failed');
  process.exit(1);
});
