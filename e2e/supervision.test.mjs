// Supervision (issue #5 item 10): the legal-affairs office draws a case-file review round, scores a
// drawn file, issues a rectification and sends a 督办函 that the department answers; the department
// then reports on the rectification and the office accepts it.
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

async function submit(page, selector) {
  await Promise.all([page.waitForLoadState('load'), page.click(selector)]);
}

test('office draws a case-file review, scores, rectifies; sends a 督办函 the department answers', async () => {
  const office = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await login(office, server.base, 'sifaju', 'Demo@2026');
  await office.waitForURL(`${server.base}/staff`);

  // A new round over the market bureau and the comprehensive enforcement bureau.
  await office.click('nav >> text=案卷评查');
  await office.waitForURL(`${server.base}/staff/case-reviews`);
  await office.click('a.button >> text=新建评查');
  await office.fill('#title', '浏览器测试专项案卷评查');
  await office.check('label.checkbox:has-text("安吉县市场监督管理局") input');
  await office.check('label.checkbox:has-text("安吉县综合行政执法局") input');
  await office.fill('#closed_from', '2020-01-01');
  await office.fill('#size_value', '2');
  await submit(office, 'main form.stack button[type=submit]');
  await office.waitForURL(/\/staff\/case-reviews\/\d+/);
  const roundUrl = office.url().replace(/[?#].*$/, '');
  assert.match(await office.textContent('h1'), /浏览器测试专项案卷评查/);
  assert.match(await office.textContent('main'), /随机种子/);
  const links = await office.$$eval('main h3 a[href^="/staff/cases/"]', (as) => as.length);
  assert.ok(links >= 2, `drawn files link to their cases (${links})`);
  await office.screenshot({ path: `${SCREENSHOTS}supervision-01-round.png`, fullPage: true });

  // Score the first file: a deduction needs its reason.
  const scoreForm = 'details[id^=score-] >> nth=0';
  const first = await office.getAttribute(scoreForm, 'id');
  const f = `#${first}`;
  await office.fill(`${f} input[name=points_procedure]`, '25');
  await submit(office, `${f} button[type=submit]`);
  assert.match(await office.textContent('.alert'), /请按提示修改/);
  assert.match(await office.textContent('main'), /扣分须写明理由/);
  await office.fill(`${f} input[name=points_procedure]`, '25');
  await office.fill(`${f} input[name=reason_procedure]`, '事先告知书未载明陈述申辩期限');
  await office.fill(`${f} textarea[name=findings]`, '程序存在瑕疵，请整改');
  await submit(office, `${f} button[type=submit]`);
  const caseId = first.replace('score-', '');
  assert.match(await office.textContent(`#file-${caseId}`), /95 \/ 100分/);

  // Rectification with its deadline.
  await office.$eval(`#rectify-${caseId}`, (d) => { d.open = true; });
  await office.fill(`#rectify-${caseId} textarea[name=requirement]`, '补正事先告知书，载明陈述申辩期限');
  await submit(office, `#rectify-${caseId} button[type=submit]`);
  assert.match(await office.textContent(`#file-${caseId}`), /整改中/);
  await office.screenshot({ path: `${SCREENSHOTS}supervision-02-rectification.png`, fullPage: true });

  // A 督办函 to the market bureau.
  await office.click('nav >> text=提示函与督办函');
  await office.click('a.button >> text=发函');
  await office.selectOption('#kind', 'supervision');
  await office.selectOption('#department_id', { label: '安吉县市场监督管理局' });
  await office.fill('#subject', '关于浏览器测试事项的督办');
  await office.fill('#body', '请于答复期限内书面报告办理情况。');
  await submit(office, 'main form.stack button[type=submit]');
  await office.waitForURL(/\/staff\/letters\/\d+/);
  const letterUrl = office.url();
  assert.match(await office.textContent('h1'), /督办函/);
  assert.match(await office.textContent('main'), /答复期限/);

  // The department sees the letter among its deadlines and answers it.
  const dept = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await login(dept, server.base, 'zhifa', 'Demo@2026');
  await dept.waitForURL(`${server.base}/staff`);
  await dept.click('nav >> text=我的期限');
  assert.match(await dept.textContent('main'), /关于浏览器测试事项的督办/);
  await dept.click('nav >> text=提示函与督办函');
  await dept.click('text=关于浏览器测试事项的督办');
  await dept.fill('#reply', '已逐项核查并完成整改，特此报告。');
  await submit(dept, 'main form.stack button[type=submit]');
  assert.match(await dept.textContent('main'), /已逐项核查并完成整改/);
  assert.match(await dept.textContent('main'), /答复/);
  await dept.screenshot({ path: `${SCREENSHOTS}supervision-03-reply.png`, fullPage: true });

  // The office sees the reply; the rectification, if it is the department's, is reported and accepted.
  await office.goto(letterUrl);
  assert.match(await office.textContent('main'), /已逐项核查并完成整改/);
  await dept.goto(roundUrl);
  const reportForm = await dept.$('form[id^=report-]');
  if (reportForm) {
    const rid = (await reportForm.getAttribute('id')).replace('report-', '');
    await dept.fill(`#report-${rid} textarea[name=report]`, '已补正事先告知书');
    await submit(dept, `#report-${rid} button[type=submit]`);
    await office.goto(roundUrl);
    await office.fill(`#done-${rid} input[name=note]`, '经复核，整改到位');
    await submit(office, `#done-${rid} button[type=submit]`);
    assert.match(await office.textContent(`#rectification-${rid}`), /整改完成/);
  }
  const timeline = await office.textContent('table[aria-label=全过程记录]');
  for (const t of ['随机抽取', '评分并记录评查意见', '下达整改通知']) {
    assert.ok(timeline.includes(t), `timeline shows ${t}`);
  }
  await office.screenshot({ path: `${SCREENSHOTS}supervision-04-done.png`, fullPage: true });

  // The portal shows the published results of the demo's random inspections.
  const citizen = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await citizen.goto(`${server.base}/inspections`);
  assert.match(await citizen.textContent('main'), /食品经营许可事项监督检查/);
  assert.ok(!(await citizen.textContent('main')).includes('周海峰'), 'individual names masked');
  await citizen.screenshot({ path: `${SCREENSHOTS}supervision-05-portal.png`, fullPage: true });
});
