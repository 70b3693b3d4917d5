// Foundation journeys (issue #2): log in, create a department, publish it as an enforcement body,
// see it on the portal and verify it against the signed log (issue #3); five wrong passwords lock
// an account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, login, SCREENSHOTS } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('legal-affairs office creates and publishes an enforcement body, which appears on the portal', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await login(page, server.base, 'sifaju', 'Demo@2026');
  await page.waitForURL(`${server.base}/staff`);
  assert.match(await page.textContent('h1'), /工作台/);
  await page.screenshot({ path: `${SCREENSHOTS}01-home.png`, fullPage: true });

  await page.click('text=部门与执法主体');
  await page.click('text=新增部门');
  // A missing legal basis is refused beside the field, in Chinese.
  await page.fill('#name', '安吉县商务局');
  await page.check('input[name=is_enforcement_body]');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('.field-error'), /执法主体须填写法定依据/);
  await page.screenshot({ path: `${SCREENSHOTS}02-validation.png`, fullPage: true });

  await page.fill('#short_name', '商务');
  await page.fill('#enforcement_basis', '《中华人民共和国对外贸易法》第三条；《中华人民共和国反不正当竞争法》第四条');
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/staff\/departments\/\d+$/);
  await page.click('text=公示为执法主体');
  await page.waitForSelector('text=已在门户网站执法主体名单中公示');
  await page.screenshot({ path: `${SCREENSHOTS}03-department.png`, fullPage: true });

  const departmentId = page.url().match(/departments\/(\d+)$/)[1];

  await page.goto(`${server.base}/`);
  assert.match(await page.textContent('body'), /安吉县商务局/);
  await page.screenshot({ path: `${SCREENSHOTS}04-portal.png`, fullPage: true });

  // A citizen checks the published body against the signed log (tree heads are signed every few seconds).
  await page.click('text=核验执法记录');
  await page.fill('#record_id', departmentId);
  await page.click('main form >> text=核验记录');
  for (let i = 0; i < 20 && !(await page.textContent('body')).includes('已核验'); i++) {
    await page.waitForTimeout(1000);
    await page.reload();
  }
  assert.match(await page.textContent('body'), /已核验/);
  assert.match(await page.textContent('body'), /安吉县商务局/);
  await page.screenshot({ path: `${SCREENSHOTS}07-verify.png`, fullPage: true });
  await page.close();
});

test('five wrong passwords lock the account', async () => {
  const page = await browser.newPage();
  for (let i = 1; i <= 4; i++) {
    await login(page, server.base, 'guwen', 'Wrong#pass1');
    assert.match(await page.textContent('.alert'), /用户名或密码错误/);
  }
  await login(page, server.base, 'guwen', 'Wrong#pass1');
  assert.match(await page.textContent('.alert'), /账号已锁定/);
  // Even the right password is refused now.
  await login(page, server.base, 'guwen', 'Demo@2026');
  assert.match(await page.textContent('.alert'), /账号已锁定/);
  await page.screenshot({ path: `${SCREENSHOTS}05-locked.png` });

  // The administrator sees the lock in the audit log and lifts it.
  const admin = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await login(admin, server.base, 'admin', 'Demo@2026');
  await admin.goto(`${server.base}/staff/audit?action=account_locked`);
  assert.match(await admin.textContent('table.data'), /账号锁定/);
  await admin.screenshot({ path: `${SCREENSHOTS}06-audit.png`, fullPage: true });
  await admin.goto(`${server.base}/staff/users`);
  await admin.click('tr:has-text("guwen") >> text=解锁');
  await login(page, server.base, 'guwen', 'Demo@2026');
  await page.waitForURL(`${server.base}/staff`);
  await page.close();
  await admin.close();
});
