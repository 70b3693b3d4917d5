// Indicators and the annual report (issue #9 items 3, 4 and 6): a leader opens the dashboard from
// the staff home page, follows a figure down to its records and to one record, opens the demo
// county's draft annual report, approves it (the report review finds no inconsistency) and
// publishes it, and finds it on the public portal.
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

test('a leader follows a figure to its records, approves the annual report and finds it on the portal', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await login(page, server.base, 'lingdao', 'Demo@2026');
  await page.waitForURL(`${server.base}/staff`);

  // The staff home page links to the demo year's report and its dashboard.
  const card = await page.textContent('main');
  const year = Number(card.match(/(\d{4})年度法治政府建设年度报告/)[1]);
  assert.ok(year >= 2025);
  await page.click(`text=${year}年指标看板`);
  await page.waitForURL(new RegExp(`/staff/dashboard\\?year=${year}$`));
  assert.match(await page.textContent('h1'), new RegExp(`指标看板 · ${year}年`));
  assert.match(await page.textContent('main'), new RegExp(`${year - 1}年：`));
  assert.ok(await page.locator('main svg').count() >= 3, 'server-drawn charts');
  await page.screenshot({ path: `${SCREENSHOTS}annual-01-dashboard.png`, fullPage: true });

  // A figure down to its records: the officers behind the certified-officer rate.
  const stat = page.locator('.stat', { hasText: '执法人员持证率' });
  const shown = (await stat.locator('.n a').textContent()).trim();
  assert.match(shown, /%$/);
  await stat.locator('.n a').click();
  await page.waitForURL(/\/staff\/indicators\/enforcement\.certified_officer_rate\?/);
  assert.match(await page.textContent('h1'), /执法人员持证率/);
  assert.match(await page.textContent('main'), new RegExp(shown.replace('.', '\\.')));
  const rows = await page.locator('table.data tbody tr').count();
  assert.ok(rows > 0);
  await page.screenshot({ path: `${SCREENSHOTS}annual-02-records.png`, fullPage: true });
  // The denominator lists more officers than the numerator when some certificates are not valid.
  await page.click('text=分母');
  await page.waitForURL(/part=denominator/);
  assert.match(await page.textContent('main'), /分母：计入分母的记录/);
  // One record: the officer's own page.
  const first = page.locator('table.data tbody tr a').first();
  const name = (await first.textContent()).split('（')[0];
  await first.click();
  await page.waitForURL(/\/staff\/officers\/\d+$/);
  assert.match(await page.textContent('main'), new RegExp(name));

  // The draft report: reviewed without inconsistency, approved, published.
  await page.goto(`${server.base}/staff`);
  await page.click(`text=${year}年度法治政府建设年度报告`);
  await page.waitForURL(/\/staff\/annual-reports\/\d+$/);
  const report = await page.textContent('main');
  assert.match(report, /审读通过/);
  assert.match(report, /一、/);
  assert.match(report, /五、其他需要报告的情况/);
  await page.screenshot({ path: `${SCREENSHOTS}annual-03-draft.png`, fullPage: true });
  await page.click('button:has-text("审定第")');
  await page.waitForSelector('text=在门户网站公开');
  assert.match(await page.textContent('main'), /已审定/);
  await page.click('button:has-text("在门户网站公开")');
  await page.waitForSelector('.tag.ok:has-text("已公开")');
  await page.screenshot({ path: `${SCREENSHOTS}annual-04-published.png`, fullPage: true });

  // On the portal, from its home page.
  await page.goto(`${server.base}/`);
  await page.click(`text=安吉县人民政府关于${year}年度法治政府建设情况的报告`);
  await page.waitForURL(new RegExp(`/annual-reports/\\d+/${year}$`));
  const text = await page.textContent('article');
  assert.match(text, /存在的不足和原因/);
  assert.match(text, /党政主要负责人履行推进法治建设第一责任人职责/);
  await page.screenshot({ path: `${SCREENSHOTS}annual-05-portal.png`, fullPage: true });
  await page.close();
});
