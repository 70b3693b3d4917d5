// Penalty cases (issue #5): an officer takes a case from clue to archive, the department's legal
// reviewer returns it once, the decision appears redacted on the portal, is withdrawn, and a
// citizen checks it on the 核验 page.
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

/** Opens the form of a step (a <details> element) and fills then submits it. */
async function step(page, code, fill = async () => {}) {
  await page.$eval(`#step-${code}`, (d) => { d.open = true; });
  await fill(`#step-${code}`);
  await Promise.all([
    page.waitForLoadState('load'),
    page.click(`#step-${code} button[type=submit]`),
  ]);
}

async function stage(page) {
  return page.textContent('h1');
}

test('officer takes a case to archive; reviewer returns it once; decision published redacted, withdrawn, verified', async () => {
  const officer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await login(officer, server.base, 'zhifa', 'Demo@2026');
  await officer.waitForURL(`${server.base}/staff`);
  await officer.click('nav >> text=行政处罚案件');
  await officer.waitForURL(`${server.base}/staff/cases`);
  assert.match(await officer.textContent('h1'), /行政处罚案件/);
  await officer.screenshot({ path: `${SCREENSHOTS}cases-01-list.png`, fullPage: true });

  await officer.click('a.button >> text=案源登记');
  await officer.selectOption('#department_id', { label: '安吉县市场监督管理局' });
  await officer.selectOption('#party_kind', 'individual');
  await officer.fill('#party_name', '周海峰');
  await officer.fill('#party_id_number', '330523198805051234');
  await officer.fill('#party_phone', '13857200000');
  await officer.fill('#party_address', '安吉县递铺街道浦源大道1号');
  await officer.fill('#clue', '群众举报：小吃店使用过期原料');
  await officer.click('main form.stack button[type=submit]');
  await officer.waitForURL(/\/staff\/cases\/\d+/);
  const caseUrl = officer.url().replace(/\?.*$/, '');
  assert.match(await stage(officer), /案源登记/);

  await step(officer, 'verify');
  await step(officer, 'open');
  assert.match(await stage(officer), /已立案/);
  // Two certified officers who are not the department's reviewers.
  await step(officer, 'assign', async (f) => {
    const boxes = await officer.$$(`${f} label.checkbox`);
    let checked = 0;
    for (const b of boxes.reverse()) {
      const text = await b.textContent();
      if (checked < 2 && /有效/.test(text)) {
        await (await b.$('input')).check();
        checked += 1;
      }
    }
  });
  assert.match(await stage(officer), /调查取证/);
  await step(officer, 'ground', async (f) => officer.selectOption(`${f} select`, 'major_public_interest'));
  await step(officer, 'close_investigation');
  await step(officer, 'notice', async (f) => {
    await officer.fill(`${f} input[name=fine_yuan]`, '2000');
    await officer.fill(`${f} textarea[name=facts]`, '周海峰使用超过保质期的食品原料');
    await officer.fill(`${f} textarea[name=basis]`, '《中华人民共和国食品安全法》第一百二十四条');
  });
  assert.match(await stage(officer), /已告知/);
  // The party waives the defence and the hearing in writing.
  await step(officer, 'waive');
  // Deciding before the legal review is refused with the article.
  await step(officer, 'decide', async (f) => {
    await officer.fill(`${f} input[name=document_number]`, '安市监罚〔2026〕901号');
    await officer.fill(`${f} input[name=fine_yuan]`, '2000');
  });
  assert.match(await officer.textContent('.alert'), /第五十八条/);
  await officer.screenshot({ path: `${SCREENSHOTS}cases-02-gate.png`, fullPage: true });
  await step(officer, 'submit_review');
  assert.match(await stage(officer), /法制审核中/);

  const reviewer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await login(reviewer, server.base, 'shenhe', 'Demo@2026');
  await reviewer.waitForURL(`${server.base}/staff`);
  await reviewer.click('nav >> text=法制审核');
  assert.match(await reviewer.textContent('main'), /周海峰/);
  await reviewer.click('text=周海峰 >> xpath=../td[1]/a');
  await step(reviewer, 'review', async (f) => {
    await reviewer.selectOption(`${f} select[name=reviewer_officer_id]`, { index: 1 });
    await reviewer.selectOption(`${f} select[name=opinion]`, 'problems');
    await reviewer.fill(`${f} textarea[name=point_facts]`, '缺少原料进货查验记录，请补充');
  });
  assert.match(await stage(reviewer), /法制审核退回/);
  await reviewer.screenshot({ path: `${SCREENSHOTS}cases-03-returned.png`, fullPage: true });

  await officer.goto(caseUrl);
  assert.match(await officer.textContent('main'), /缺少原料进货查验记录/);
  await step(officer, 'submit_review', async (f) => officer.fill(`${f} textarea[name=change]`, '已补充原料进货查验记录'));
  await reviewer.goto(caseUrl);
  await step(reviewer, 'review', async (f) => {
    await reviewer.selectOption(`${f} select[name=reviewer_officer_id]`, { index: 1 });
  });
  assert.match(await stage(reviewer), /法制审核通过/);

  await officer.goto(caseUrl);
  await step(officer, 'decide', async (f) => {
    await officer.fill(`${f} input[name=document_number]`, '安市监罚〔2026〕901号');
    await officer.fill(`${f} input[name=fine_yuan]`, '2000');
  });
  assert.match(await stage(officer), /已决定/);
  await step(officer, 'serve');
  await step(officer, 'pay', async (f) => officer.fill(`${f} input[name=amount_yuan]`, '2000'));
  await step(officer, 'close');
  await step(officer, 'archive');
  assert.match(await stage(officer), /已归档/);
  const timeline = await officer.textContent('table[aria-label=全过程记录]');
  for (const t of ['案源登记', '立案', '事先告知', '送法制审核', '法制审核意见', '作出决定', '送达决定书', '归档']) {
    assert.ok(timeline.includes(t), `timeline shows ${t}`);
  }
  await officer.screenshot({ path: `${SCREENSHOTS}cases-04-archived.png`, fullPage: true });

  // Publish: the portal shows the decision with the party's personal data redacted.
  await Promise.all([officer.waitForLoadState('load'), officer.click('text=公示处罚决定')]);
  await officer.click('text=查看门户上的公示');
  const published = await officer.textContent('main');
  assert.match(published, /周\*\*/);
  assert.ok(!published.includes('周海峰'), 'name masked');
  assert.ok(!published.includes('330523198805051234'), 'ID number removed');
  assert.ok(!published.includes('浦源大道'), 'address removed');
  assert.match(published, /罚款2000元/);
  const decisionUrl = officer.url();

  // Withdrawn after the reconsideration body revoked it, with the reason shown.
  await officer.goto(caseUrl);
  await officer.selectOption('#ground', 'revoked');
  await officer.fill('#withdraw_reason', '复议机关撤销原处罚决定');
  await Promise.all([officer.waitForLoadState('load'), officer.click('text=撤回公示')]);

  const citizen = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await citizen.goto(decisionUrl);
  assert.match(await citizen.textContent('.alert'), /复议机关撤销原处罚决定/);
  await citizen.screenshot({ path: `${SCREENSHOTS}cases-05-withdrawn.png`, fullPage: true });
  // The server signs a new tree head within a few seconds of a change.
  await citizen.waitForTimeout(4500);
  await citizen.click('text=到核验页面核对');
  const tags = await citizen.$$eval('.tag.ok', (els) => els.filter((e) => e.textContent.includes('已核验')).length);
  assert.ok(tags >= 2, `publication and withdrawal both verified (${tags})`);
  await citizen.screenshot({ path: `${SCREENSHOTS}cases-06-verified.png`, fullPage: true });
});
