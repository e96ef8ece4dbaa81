// mamori's web UI in Debian's Chromium (run by tests/browser/run.sh, which
// serves the demo municipality at $BASE).  Each test is one thing a person
// does; the file ends with the "N passed, N failed" line tests/run.sh reads.
'use strict';
const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
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

// A screenshot of the whole page, or with { fullPage: false } of the first
// screen only (for pages as long as a policy document).
async function shot(page, name, opts = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: opts.fullPage !== false });
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

// Signs in a person who has a TOTP key.  A code is accepted once: if an
// earlier test used this window's code, wait for the next one, as a person
// would.
async function signInWithTotp(page, who) {
  await signIn(page, who);
  expect(page.url().includes('/login/totp'), 'no second factor asked: ' + page.url());
  const first = totpCode();
  await page.fill('#code', first);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (page.url().includes('/login/totp')) {
    while (totpCode() === first) await new Promise((r) => setTimeout(r, 500));
    await page.fill('#code', totpCode());
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  }
  expect(new URL(page.url()).pathname === '/', 'not signed in: ' + page.url());
}

// The value shown beside a term of a page's <dl class="facts">.
async function fact(page, term) {
  return page.evaluate((t) => {
    const dt = [...document.querySelectorAll('dl.facts dt')].find((d) => d.textContent.trim() === t);
    return dt && dt.nextElementSibling ? dt.nextElementSibling.textContent.trim() : null;
  }, term);
}

// A date n days from today, as <input type="date"> takes it.
function daysFromNow(n) {
  return new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
}

// Fills a request type's generated form: the asset, then every other
// required input (a date a week ahead for dates, a short text otherwise).
async function fillRequestForm(page, assetNo) {
  await page.fill('#r-asset', assetNo);
  for (const input of await page.$$('main form input[required]:not(#r-asset)')) {
    const type = await input.getAttribute('type');
    const id = await input.getAttribute('id');
    await input.fill(type === 'date' ? daysFromNow(7) : id === 'r-quantity' ? '1' : 'ブラウザ試験 ' + id);
  }
}

// Files a 持ち出し from 申請・承認 as a person would and returns the page's 申請番号.
async function fileTakeout(page, assetNo, shotName) {
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/requests"]')]);
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/requests/new"]')]);
  const types = await page.textContent('main');
  expect(/持ち出し/.test(types) && /5\.1\.1\.3\.2/.test(types), 'the request types are not listed');
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/requests/new/takeout"]')]);
  const offered = await page.$$eval('datalist#assets option', (os) => os.map((o) => o.value));
  expect(offered.includes(assetNo), 'the form does not offer ' + assetNo + ': ' + offered.join(' '));
  await fillRequestForm(page, assetNo);
  if (shotName) await shot(page, shotName);
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  expect(/^\/requests\/[^/]+$/.test(new URL(page.url()).pathname), 'not on the request page: ' + page.url());
  const no = await fact(page, '申請番号');
  expect(no && (await page.textContent('main h1')).includes(no), 'no 申請番号 on the page');
  expect((await fact(page, '状態')) === '申請中', 'state is ' + (await fact(page, '状態')));
  expect((await fact(page, '対象') || '').includes(assetNo), 'the target is not ' + assetNo);
  return no;
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

// The 申請番号 of the 持ち出し the staff member files, which their 課長 approves next.
let takeoutNo = null;

test('staff files a 持ち出し of their 課 in the browser', async (page) => {
  await signIn(page, ACCOUNTS.staff);
  const no = await fileTakeout(page, 'S002-001', 'request-new');
  expect((await fact(page, '申請者') || '').includes('藤田'), 'the requester is not the staff member');
  expect(!(await page.$('button[name=decision]')), 'the requester is offered the decision buttons');
  expect(/次の決裁: 情報セキュリティ管理者/.test(await page.textContent('main')), 'no next role shown');
  const stored = mamori('request', 'show', no);
  expect(stored.includes('申請中') && stored.includes('藤田 美紀'), 'mamori request show disagrees:\n' + stored);
  takeoutNo = no;
});

test('the 課長 approves it from 承認待ち', async (page) => {
  expect(takeoutNo, 'no request was filed by the previous test');
  await signIn(page, ACCOUNTS.manager);
  const dash = await page.textContent('main');
  expect(/あなたの決裁待ちの申請/.test(dash) && dash.includes(takeoutNo), 'the dashboard does not list ' + takeoutNo);
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/requests"]')]);
  await Promise.all([page.waitForNavigation(), page.click('nav.tabs a[href*="tab=waiting"]')]);
  const waiting = await page.textContent('main table.list');
  expect(waiting.includes(takeoutNo) && /持ち出し/.test(waiting) && /申請中/.test(waiting),
    takeoutNo + ' is not under 承認待ち');
  await shot(page, 'requests');
  await Promise.all([page.waitForNavigation(),
    page.click('main table.list a[href="/requests/' + encodeURIComponent(takeoutNo) + '"]')]);
  expect((await fact(page, '申請番号')) === takeoutNo, 'opened another request');
  await page.fill('#d-note', 'ブラウザ試験で承認');
  await shot(page, 'request');
  await Promise.all([page.waitForNavigation(), page.click('button[name=decision][value=approved]')]);
  expect((await fact(page, '状態')) === '許可', 'state after 承認 is ' + (await fact(page, '状態')));
  const decisions = await page.textContent('main table.list');
  expect(/承認/.test(decisions) && /田村/.test(decisions) && /ブラウザ試験で承認/.test(decisions),
    'the decision is not recorded on the page: ' + decisions);
  expect(!(await page.$('button[name=decision]')), 'the decision buttons are still offered');
  await page.goto(BASE + '/requests?tab=waiting');
  expect(!(await page.textContent('main')).includes(takeoutNo), takeoutNo + ' still waits');
});

test('a 課長 who files a request cannot approve it, even by a forged POST', async (page) => {
  await signIn(page, ACCOUNTS.manager);
  const no = await fileTakeout(page, 'S002-002');
  expect(!(await page.$('button[name=decision]')), 'the requester is offered the decision buttons');
  const answer = await page.evaluate(async (url) => {
    const csrf = document.querySelector('input[name=csrf]').value;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, decision: 'approved', note: '' }).toString(),
    });
    return { status: res.status, text: await res.text() };
  }, BASE + '/requests/' + encodeURIComponent(no) + '/decide');
  expect(answer.status === 403, 'the forged 承認 answered ' + answer.status);
  expect(answer.text.includes('自己承認はできません'), 'the refusal does not say 自己承認はできません');
  await page.reload();
  expect((await fact(page, '状態')) === '申請中', 'state after the forged 承認 is ' + (await fact(page, '状態')));
  expect(mamori('request', 'show', no).includes('申請中'), 'mamori request show does not say 申請中');
});

// A register with one new asset of 秘書課 (S002), made as a person would:
// the CLI's export, one row of the 課 kept under a new 資産番号 and 名称,
// turned into .xlsx by LibreOffice.
function makeRegisterXlsx(dir, assetNo, name) {
  mamori('asset', 'export', path.join(dir, 'all.csv'));
  const lines = fs.readFileSync(path.join(dir, 'all.csv'), 'utf8').split(/\r?\n/);
  const row = lines.find((l) => l.startsWith('S002-001,'));
  expect(row, 'the export has no S002-001');
  const cells = row.split(',');
  cells[0] = assetNo;
  cells[1] = name;
  fs.writeFileSync(path.join(dir, 'register.csv'), lines[0] + '\r\n' + cells.join(',') + '\r\n');
  execFileSync('soffice', ['-env:UserInstallation=file://' + path.join(dir, 'lo'), '--headless',
    '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, path.join(dir, 'register.csv')],
  { env: { ...process.env, HOME: dir }, stdio: 'ignore' });
  const xlsx = path.join(dir, 'register.xlsx');
  expect(fs.existsSync(xlsx) && fs.statSync(xlsx).size > 0, 'LibreOffice made no register.xlsx');
  return xlsx;
}

test('the 課長 opens an asset\'s edit form with its values', async (page) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto(BASE + '/assets/S002-001');
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/assets/S002-001/edit"]')]);
  const name = await page.inputValue('main form input[name=name]');
  expect(name === '秘書課 業務ファイル', 'the edit form shows 名称 ' + name);
  await shot(page, 'asset-edit');
});

test('the 課長 uploads an .xlsx register, sees the preview and imports it', async (page) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamori-ui-'));
  try {
    const xlsx = makeRegisterXlsx(dir, 'S002-901', 'ブラウザ試験 取り込み資産');
    await signIn(page, ACCOUNTS.manager);
    await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/assets"]')]);
    await Promise.all([page.waitForNavigation(), page.click('main a[href="/assets/import"]')]);
    expect(await page.$('form[action="/assets/import"][data-upload]'), 'the upload form has no data-upload');
    await page.setInputFiles('#f-file', xlsx);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/assets/import'));
    await page.click('main form[data-upload] button[type=submit]');
    const request = await sent;
    expect(request.resourceType() === 'xhr', 'the upload was sent as ' + request.resourceType() + ', not by app.js');
    await page.waitForFunction(() => document.body && /取り込みの確認/.test(document.body.textContent));
    const preview = await page.textContent('main');
    expect(/追加 1 件/.test(preview) && /変更 0 件/.test(preview), 'the preview counts are wrong: ' + preview);
    expect(preview.includes('S002-901') && preview.includes('register.xlsx'), 'the preview does not name the asset and file');
    await shot(page, 'asset-import-preview');
    await Promise.all([page.waitForNavigation(), page.click('main form button:has-text("取り込む")')]);
    expect(/取り込みました: 追加 1 件/.test(await page.textContent('main')), 'no confirmation of the import');
    await page.goto(BASE + '/assets?q=' + encodeURIComponent('S002-901'));
    const list = await page.textContent('main');
    expect(list.includes('S002-901') && list.includes('ブラウザ試験 取り込み資産'), 'the imported asset is not listed');
    expect(mamori('asset', 'show', 'S002-901').includes('ブラウザ試験 取り込み資産'), 'mamori asset show disagrees');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a 課長 reads the approved policy and finds the staff of the 課', async (page) => {
  await signIn(page, ACCOUNTS.manager);
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/policy"]')]);
  const list = await page.textContent('main table.list');
  expect(/第1版/.test(list) && /第2版/.test(list) && /原田/.test(list), 'the approved versions are not listed: ' + list);
  await shot(page, 'policy');
  await Promise.all([page.waitForNavigation(), page.click('main table.list a[href="/policy/1"]')]);
  const version = await page.textContent('main');
  expect(/第1版/.test(version) && /基本方針/.test(version), 'the version page shows no document');
  await shot(page, 'policy-version', { fullPage: false });
  await page.goto(BASE + '/staff');
  const staff = await page.textContent('main');
  expect(staff.includes('170003') && staff.includes('藤田 美紀'), 'the 課 staff member is not listed');
  expect(!staff.includes('930003'), 'a person of 総務課 is listed to the 秘書課 manager');
  await shot(page, 'staff');
});

// The インシデント番号 the staff member reports, which the CISO then handles.
let incidentNo = null;

test('staff reports an incident (第一報) from the インシデント page', async (page) => {
  await signIn(page, ACCOUNTS.staff);
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/incidents"]')]);
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/incidents/new"]')]);
  await page.fill('#i-title', '不審なメールの添付を開いた');
  await page.selectOption('#i-category', 'malware');
  await page.fill('#i-situation', '業務端末で添付ファイルを開いたところ、警告が表示された。');
  await page.fill('#i-cause', '標的型メールの疑い');
  await page.fill('#i-assets', 'S002-001');
  await shot(page, 'incident-new');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  expect(/^\/incidents\/I\d{4}-\d{6}$/.test(new URL(page.url()).pathname), 'not on the incident page: ' + page.url());
  incidentNo = await fact(page, 'インシデント番号');
  expect((await fact(page, '状態')) === '受付', 'state is ' + (await fact(page, '状態')));
  expect((await page.textContent('main')).includes('S002-001'), 'the asset is not a target');
  const stored = JSON.parse(mamori('--format', 'json', 'incident', 'show', incidentNo));
  expect(stored.category === 'malware' && stored.state === 'received', 'mamori incident show disagrees');
  // the person who reported it is not offered CSIRT's steps
  expect(!(await page.$('input[name=kind][value=assess]')), 'the reporter is offered the assessment');
});

test('the CISO assesses it and records an emergency cut-off on the timeline', async (page) => {
  expect(incidentNo, 'no incident was reported by the previous test');
  await signInWithTotp(page, ACCOUNTS.ciso);
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/incidents"]')]);
  expect((await page.textContent('main table')).includes(incidentNo), incidentNo + ' is not listed');
  await shot(page, 'incidents');
  await Promise.all([page.waitForNavigation(),
    page.click('main table a[href="/incidents/' + encodeURIComponent(incidentNo) + '"]')]);
  const assess = 'form:has(input[name=kind][value=assess])';
  await page.check(assess + ' input[name=is_incident][value=yes]');
  await page.fill(assess + ' textarea[name=note]', 'マルウェア感染の疑いが強い');
  await Promise.all([page.waitForNavigation(), page.click(assess + ' button[type=submit]')]);
  expect((await fact(page, '状態')) === '対応中', 'state after the assessment is ' + (await fact(page, '状態')));
  await page.fill('#inc-cutoff-target', '庁内LAN（秘書課）');
  await page.fill('#inc-cutoff-reason', '感染の拡大を防ぐため');
  await page.check('form:has(input[name=kind][value=cutoff]) input[name=emergency]');
  await Promise.all([page.waitForNavigation(),
    page.click('form:has(input[name=kind][value=cutoff]) button[type=submit]')]);
  const main = await page.textContent('main');
  expect(main.includes('庁内LAN（秘書課）') && main.includes('感染の拡大を防ぐため'), 'the cut-off is not on the timeline');
  expect(await page.$('select[name=ref] option'), 'the emergency cut-off is not offered for its after-the-fact report');
  await shot(page, 'incident');
  const steps = JSON.parse(mamori('--format', 'json', 'incident', 'show', incidentNo)).timeline
    .map((t) => t.kind);
  expect(steps.includes('assess') && steps.includes('cutoff'), 'the timeline holds ' + steps.join(','));
});

test('the CISO reviews the 例外措置 register and the 緊急時対応計画', async (page) => {
  await signInWithTotp(page, ACCOUNTS.ciso);
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/exceptions"]')]);
  const register = await page.textContent('main');
  expect(/例外措置/.test(register) && /E\d{4}-\d{6}/.test(register), 'the demo exceptions are not listed');
  await shot(page, 'exceptions');
  await Promise.all([page.waitForNavigation(), page.click('main table a[href^="/exceptions/E"]')]);
  expect(/E\d{4}-\d{6}/.test(await page.textContent('main h1')), 'no exception page');
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/plan"]')]);
  const plan = await page.textContent('main');
  expect(/緊急時対応計画/.test(plan) && /関係者の連絡先/.test(plan) && /CISO|最高情報セキュリティ責任者/.test(plan),
    'the plan page lacks its contacts');
  await shot(page, 'plan', { fullPage: false });
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
  await signInWithTotp(page, ACCOUNTS.ciso);
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
  await shot(page, 'journal', { fullPage: false });
  await Promise.all([page.waitForNavigation(), page.click('form[action="/journal/verify"] button')]);
  const verified = await page.textContent('main');
  expect(/改ざんはありません/.test(verified), 'verify did not report an intact journal');
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/policy"]')]);
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/policy/gap"]')]);
  const gap = await page.textContent('main');
  expect(/ポリシー照合/.test(gap) && await page.$('main form[action="/policy/gap"] input[type=file][name=file]'),
    'no gap upload form');
  await shot(page, 'policy-gap');
});

// 自己点検 on a small laptop screen: every question fits the width, the
// answers are radio buttons, a partial save keeps them, and submitting ends it.
test('staff answers the 自己点検 checklist on a small laptop screen and submits it', async (page) => {
  await page.setViewportSize({ width: 1024, height: 600 });
  await signIn(page, ACCOUNTS.staff);
  const card = await page.textContent('main');
  expect(/未回答の自己点検/.test(card), 'the dashboard does not list the pending checklist');
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/inspect/S2026-01/answer"]')]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow <= 0, 'the checklist scrolls sideways by ' + overflow + 'px at 1024px');
  const questions = await page.$$('fieldset.ins-q');
  expect(questions.length > 10, 'only ' + questions.length + ' questions shown');
  // half the questions, then a partial save
  const half = Math.floor(questions.length / 2);
  for (let i = 0; i < half; i++) await questions[i].$eval('input[type=radio][value=done]', (r) => r.click());
  await questions[0].$eval('textarea', (t) => { t.value = '<b>手順書</b>を確認済み'; });
  await shot(page, 'inspect-answer', { fullPage: false });
  await Promise.all([page.waitForNavigation(), page.click('button.ins-save')]);
  expect(/保存/.test(await page.textContent('main')), 'no confirmation of the save');
  expect(await page.$eval('fieldset.ins-q textarea', (t) => t.value) === '<b>手順書</b>を確認済み',
    'the saved comment is not shown again as typed');
  // the rest, then submit
  for (const q of await page.$$('fieldset.ins-q')) {
    if (!(await q.$('input[type=radio]:checked'))) await q.$eval('input[type=radio][value=partial]', (r) => r.click());
  }
  await Promise.all([page.waitForNavigation(), page.click('button.ins-submit')]);
  expect(/回答を提出しました/.test(await page.textContent('main')), 'no confirmation of the submission');
  const mine = JSON.parse(mamori('--format', 'json', 'inspect', 'respondents', 'S2026-01', '--unit', 'S002'));
  const me = (mine.respondents || mine).find((r) => r.staff_no === ACCOUNTS.staff.login);
  expect(me && me.submitted_at, 'the CLI does not show the submission: ' + JSON.stringify(me));
});

test('the CISO follows the yearly cycle: training, self-inspection results, an audit and the annual report', async (page) => {
  await signInWithTotp(page, ACCOUNTS.ciso);
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/training"]')]);
  const training = await page.textContent('main');
  expect(/研修・訓練/.test(training) && /年度計画/.test(training) && /課室別の受講状況/.test(training),
    'the training page lacks its plan or its figures by 課');
  await shot(page, 'training', { fullPage: false });
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/inspect"]')]);
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/inspect/S2026-01"]')]);
  await Promise.all([page.waitForNavigation(), page.click('main a[href^="/inspect/S2026-01/results"]')]);
  const results = await page.textContent('main');
  expect(/の結果/.test(results) && /課別/.test(results) && /章別/.test(results) && /秘書課|総務課/.test(results), 'no results by 課 and chapter');
  await shot(page, 'inspect-results', { fullPage: false });
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/audits"]')]);
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/audits/A2026-000002"]')]);
  const audit = await page.textContent('main');
  expect(/監査人/.test(audit) && /証跡・監査調書/.test(audit) && /指摘事項/.test(audit), 'the audit page lacks its sections');
  expect(/[0-9a-f]{64}/.test(audit), 'no evidence hash shown');
  await shot(page, 'audit', { fullPage: false });
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/actions"]')]);
  expect(/C2026-000001/.test(await page.textContent('main')), 'the demo actions are not listed');
  await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/annual-report"]')]);
  const report = await page.textContent('main');
  expect(/情報セキュリティ委員会/.test(report) && await page.$('main svg'), 'the annual report has no chart');
  await shot(page, 'annual-report', { fullPage: false });
  const pdf = await page.request.get(BASE + '/annual-report/download?format=pdf');
  expect(pdf.status() === 200 && (await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'no PDF download');
});

// A small three-zone model whose マイナンバー利用事務系 is opened to the LGWAN接続系 by one rule.
function writeNetworkModel(dir) {
  const file = path.join(dir, 'network.json');
  fs.writeFileSync(file, JSON.stringify({
    municipality: 'ブラウザ試験市', model: 'alpha',
    zones: [{ id: 'mn', name: 'マイナンバー系', area: 'mynumber' }, { id: 'lg', name: 'LGWAN系', area: 'lgwan' },
      { id: 'in', name: 'インターネット系', area: 'internet' }],
    segments: [{ id: 'seg-mn', zone: 'mn', cidr: ['10.1.0.0/24'] }, { id: 'seg-lg', zone: 'lg', cidr: ['10.2.0.0/24'] },
      { id: 'seg-in', zone: 'in', cidr: ['10.3.0.0/24'] }],
    peers: [{ id: 'cloud', name: 'セキュリティクラウド', kind: 'security-cloud', addresses: ['198.51.100.0/24'] },
      { id: 'inet', name: 'インターネット', kind: 'internet', addresses: ['0.0.0.0/0'] }],
    firewalls: [{ name: 'fw1', default: 'deny', rules: [
      { id: 'r-open', action: 'allow', from: 'seg-mn', to: 'seg-lg', protocol: 'any' },
      { id: 'r-web', action: 'allow', from: 'seg-in', to: 'cloud', protocol: 'tcp', ports: '443' }] }],
    links: [{ a: 'seg-mn', b: 'seg-lg', firewall: 'fw1' }, { a: 'seg-lg', b: 'seg-in', firewall: 'fw1' },
      { a: 'seg-in', b: 'cloud', firewall: 'fw1' }, { a: 'cloud', b: 'inet' }],
  }));
  return file;
}

test('the CISO registers the network model and sees the zones and the violation', async (page) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamori-ui-'));
  try {
    const model = writeNetworkModel(dir);
    await signInWithTotp(page, ACCOUNTS.ciso);
    await Promise.all([page.waitForNavigation(), page.click('nav.site a[href="/network"]')]);
    await page.setInputFiles('#net-file', model);
    await page.fill('#net-note', 'ブラウザ試験');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/network/register'));
    await page.click('main form[data-upload] button[type=submit]');
    expect((await sent).resourceType() === 'xhr', 'the model was not sent by app.js');
    await page.waitForFunction(() => document.body && /版として登録しました/.test(document.body.textContent));
    const main = await page.textContent('main');
    expect(/net\.mynumber\.isolated/.test(main) && /ブラウザ試験/.test(main), 'the violation or the note is missing');
    expect(await page.$('main figure svg.netmap .net-violation'), 'the picture has no violation arrow');
    expect(await page.$('main a[href="/catalog/3.1.1"]'), 'the violation does not link to its clause');
    await shot(page, 'network', { fullPage: false });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
