// Officers and certificates (issue #5 item 2): the legal-affairs office opens the roster, adds an
// officer (after a refused empty form), suspends and restores the certificate, and anyone checks
// the certificate on the portal.
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

test('legal-affairs office adds an officer, whose certificate the public can check', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await login(page, server.base, 'sifaju', 'Demo@2026');
  await page.waitForURL(`${server.base}/staff`);

  await page.click('nav >> text=执法人员与执法证');
  await page.waitForURL(`${server.base}/staff/officers`);
  assert.match(await page.textContent('h1'), /执法人员与执法证/);
  assert.match(await page.textContent('table.data'), /浙E330523/);
  await page.screenshot({ path: `${SCREENSHOTS}officers-01-roster.png`, fullPage: true });

  // Filter: the revoked certificate of the demo county.
  await page.selectOption('#status', 'revoked');
  await page.click('form.filters >> text=筛选');
  assert.match(await page.textContent('.pager'), /共 1 条/);

  await page.click('text=新增执法人员');
  // An empty form is refused beside the fields, in Chinese.
  await page.click('main form.stack button[type=submit]');
  assert.match(await page.textContent('main'), /姓名不能为空/);
  assert.match(await page.textContent('main'), /请选择本人管理范围内的部门/);
  await page.screenshot({ path: `${SCREENSHOTS}officers-02-validation.png`, fullPage: true });

  await page.fill('#name', '林晓雯');
  await page.selectOption('#department_id', { label: '安吉县综合行政执法局' });
  await page.fill('#certificate_number', '浙E33052399123');
  await page.fill('#category', '综合行政执法');
  await page.fill('#issued_on', '2025-03-01');
  await page.fill('#expires_on', '2030-02-28');
  await page.check('input[name=legal_review_qualified]');
  await page.fill('#training_hours', '48');
  await page.click('main form.stack button[type=submit]');
  await page.waitForURL(/\/staff\/officers\/\d+$/);
  assert.match(await page.textContent('main'), /浙E33052399123/);

  // Suspend, then restore: each change is in the record's history.
  await page.click('text=暂扣执法证');
  await page.waitForSelector('text=恢复有效');
  await page.click('text=恢复有效');
  await page.waitForSelector('text=暂扣执法证');
  const history = await page.textContent('main');
  assert.match(history, /创建/);
  assert.match(history, /暂扣/);
  assert.match(history, /恢复有效/);
  await page.screenshot({ path: `${SCREENSHOTS}officers-03-officer.png`, fullPage: true });

  // The public check, from the portal home.
  await page.goto(`${server.base}/`);
  await page.click('text=执法证查询');
  await page.fill('#number', '浙E33052399123');
  await page.click('main button[type=submit]');
  const result = await page.textContent('.certificate-result');
  assert.match(result, /林晓雯/);
  assert.match(result, /安吉县综合行政执法局/);
  assert.match(result, /有效/);
  assert.doesNotMatch(result, /法制审核|培训/);
  await page.screenshot({ path: `${SCREENSHOTS}officers-04-portal.png`, fullPage: true });

  await page.fill('#number', '浙E00000000000');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('main'), /未查询到/);
  await page.close();
});
