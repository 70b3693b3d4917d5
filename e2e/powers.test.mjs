// Power list journey (issue #5 item 3): the legal-affairs office adds a power with its legal
// basis, gives it a discretion standard, and finds both on the portal's published power list.
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

test('legal-affairs office adds a power with a discretion standard, which appears on the portal', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await login(page, server.base, 'sifaju', 'Demo@2026');
  await page.waitForURL(`${server.base}/staff`);

  await page.click('nav >> text=权责清单');
  await page.waitForURL(`${server.base}/staff/powers`);
  assert.match(await page.textContent('table.data'), /对生产经营不符合食品安全标准的食品的处罚/);
  await page.click('text=新增权力事项');
  await page.fill('#code', '330523-SJ-CF-950');
  await page.fill('#name', '对经营病死、毒死或者死因不明的禽畜肉类的处罚');
  await page.selectOption('#power_type', '处罚');
  await page.fill('#basis_law', '《中华人民共和国食品安全法》');
  await page.fill('#basis_article', '第一百二十三条第一款第（四）项');
  await page.selectOption('#department_id', { label: '安吉县市场监督管理局' });
  await page.fill('#document_number', '安政发〔2026〕2号');
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/staff\/powers\/\d+$/);
  assert.match(await page.textContent('main'), /安政发〔2026〕2号/);

  await page.selectOption('#circumstance', '一般');
  await page.fill('#min_yuan', '100000');
  await page.fill('#max_yuan', '150000');
  await page.click('text=保存裁量基准');
  await page.waitForSelector('#bands >> text=100000元');
  await page.screenshot({ path: `${SCREENSHOTS}powers-01-detail.png`, fullPage: true });

  // A fine outside the band is refused, citing 行政处罚法 第三十四条.
  await page.selectOption('#check_circumstance', '一般');
  await page.fill('#check_fine', '200000');
  await page.click('text=核对裁量幅度');
  assert.match(await page.textContent('#check-result'), /第三十四条/);

  await page.goto(`${server.base}/`);
  await page.click('text=权责清单与行政处罚裁量基准');
  await page.fill('#q', '禽畜肉类');
  await page.click('main button[type=submit]');
  const body = await page.textContent('main');
  assert.match(body, /对经营病死、毒死或者死因不明的禽畜肉类的处罚/);
  assert.match(body, /一般：100000元至150000元/);
  await page.screenshot({ path: `${SCREENSHOTS}powers-02-portal.png`, fullPage: true });
  await page.close();
});
