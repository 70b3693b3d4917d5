// Normative documents (issue #7): a drafter uploads a draft with an unlawful fine, the automatic
// review's finding is shown beside the text, the reviewer returns it, the fixed draft passes, is
// numbered and published, found by search on the portal, filed, and accepted by the level above.
// Bad input on the way: a corrupt .docx and a search of punctuation only, each a clear error.
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

const TITLE = '安吉县电动自行车停放充电管理办法';
const UNLAWFUL = `${TITLE}

第一条　为了规范电动自行车停放充电行为，根据《中华人民共和国消防法》，结合本县实际，制定本办法。
第二条　本办法适用于本县行政区域内住宅小区电动自行车的停放和充电。
第三条　禁止在建筑物的公共门厅、疏散走道、楼梯间停放电动自行车或者为其充电。
第四条　违反本办法第三条规定的，由县消防救援机构处五百元以上二千元以下罚款。
第五条　本办法自2026年12月1日起施行，有效期五年。`;
const LAWFUL = UNLAWFUL.replace(
  '由县消防救援机构处五百元以上二千元以下罚款',
  '依照《中华人民共和国消防法》的有关规定处理',
);

async function staff(username) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, server.base, username, 'Demo@2026');
  await page.waitForURL(`${server.base}/staff`);
  return page;
}

/** Accepts every pending automatic finding of the current round. */
async function acceptFindings(page) {
  for (;;) {
    const buttons = page.locator('.finding form.inline button');
    if ((await buttons.count()) === 0) return;
    await Promise.all([page.waitForNavigation(), buttons.first().click()]);
  }
}

test('an unlawful draft is returned, fixed, numbered, published, found, filed and accepted', async () => {
  const drafter = await staff('zhifa');
  await drafter.click('nav >> text=规范性文件库');
  await drafter.waitForURL(`${server.base}/staff/normative`);
  assert.match(await drafter.textContent('h1'), /行政规范性文件/);
  await drafter.click('text=起草新文件');

  // A corrupt .docx is refused in Chinese, and the typed title is kept.
  await drafter.fill('#title', TITLE);
  await drafter.selectOption('#issuer_id', { label: '安吉县市场监督管理局（政府工作部门）' });
  await drafter.setInputFiles('#file', {
    name: '草案.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from('PK\u0003\u0004 not really a zip archive'),
  });
  await drafter.click('main form.stack button[type=submit]');
  assert.match(await drafter.textContent('main'), /文件无法读取/);
  assert.equal(await drafter.inputValue('#title'), TITLE);
  await drafter.screenshot({ path: `${SCREENSHOTS}normative-01-corrupt-docx.png`, fullPage: true });

  await drafter.selectOption('#issuer_id', { label: '安吉县市场监督管理局（政府工作部门）' });
  await drafter.setInputFiles('#file', { name: '草案.txt', mimeType: 'text/plain', buffer: Buffer.from(UNLAWFUL) });
  await drafter.click('main form.stack button[type=submit]');
  await drafter.waitForURL(/\/staff\/normative\/\d+$/);
  const url = drafter.url();
  assert.match(await drafter.textContent('.doc-text'), /五百元以上二千元以下罚款/);
  await drafter.click('button:has-text("送合法性审核")');
  await drafter.waitForSelector('.findings');

  // The reviewer sees the finding beside the text and returns the draft.
  const reviewer = await staff('sifaju');
  await reviewer.goto(url);
  const findings = await reviewer.textContent('.findings');
  assert.match(findings, /行政处罚/);
  assert.match(findings, /第四条/);
  await reviewer.screenshot({ path: `${SCREENSHOTS}normative-02-findings-beside-text.png`, fullPage: true });
  await acceptFindings(reviewer);
  await reviewer.selectOption('#conclusion_select', 'amendments_required');
  await reviewer.fill('#opinion_text', '第四条设定罚款，超越规范性文件权限，应当删除。');
  await reviewer.fill('#short_review_reason', '列入县政府年度重点工作，急需出台');
  await reviewer.click('button:has-text("出具审核意见")');
  await reviewer.waitForSelector('text=审核退回修改');

  // The drafter fixes the text and resubmits, saying what changed.
  await drafter.goto(url);
  await drafter.fill('#revise_text', LAWFUL);
  await drafter.fill('#revise_note', '删除第四条罚款规定');
  await drafter.click('button:has-text("保存修改稿")');
  await drafter.waitForSelector('text=第2稿');
  await drafter.fill('#change', '删除第四条罚款规定，改为依照《中华人民共和国消防法》处理');
  await drafter.click('button:has-text("送合法性审核")');
  await drafter.waitForSelector('.findings');

  // The fixed draft passes, is deliberated, numbered and published.
  await reviewer.goto(url);
  assert.doesNotMatch(await reviewer.textContent('.findings'), /违法/);
  await acceptFindings(reviewer);
  await reviewer.selectOption('#conclusion_select', 'lawful');
  await reviewer.fill('#opinion_text', '经审核，制定主体合法，内容符合上位法规定。');
  await reviewer.fill('#short_review_reason', '第二轮审核，问题已按意见修改');
  await reviewer.click('button:has-text("出具审核意见")');
  await reviewer.waitForSelector('text=记录集体审议');
  await reviewer.fill('#meeting', '县市场监管局2026年第3次局务会议');
  await reviewer.fill('#participants', '沈国华、钱丽萍、朱建明');
  await reviewer.fill('#conclusion', '审议通过');
  await reviewer.click('button:has-text("记录集体审议")');
  await reviewer.waitForSelector('#number');
  const number = await reviewer.inputValue('#number');
  assert.match(number, /^安市监规〔\d{4}〕\d+号$/);
  await reviewer.click('button:has-text("登记编号")');
  await reviewer.waitForSelector('button:has-text("公布")');
  await reviewer.click('button:has-text("公布")');
  await reviewer.waitForSelector('text=报送备案');
  assert.match(await reviewer.textContent('main'), new RegExp(number.replace(/[〔〕]/g, '.')));
  await reviewer.screenshot({ path: `${SCREENSHOTS}normative-03-published.png`, fullPage: true });

  // Anyone finds it by searching the portal's library; punctuation only is a clear error.
  const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await visitor.goto(`${server.base}/`);
  await visitor.click('text=行政规范性文件库');
  await visitor.fill('#q', '，。！');
  await visitor.click('main form.filters button[type=submit]');
  assert.match(await visitor.textContent('main'), /请输入要检索的字词/);
  await visitor.fill('#q', '电动自行车 充电');
  await visitor.click('main form.filters button[type=submit]');
  await visitor.screenshot({ path: `${SCREENSHOTS}normative-04-portal-search.png`, fullPage: true });
  await visitor.click(`table.data a:has-text("停放充电管理办法")`);
  assert.match(await visitor.textContent('main'), new RegExp(number.replace(/[〔〕]/g, '.')));
  assert.match(await visitor.textContent('.doc-text'), /依照《中华人民共和国消防法》/);
  assert.doesNotMatch(await visitor.textContent('main'), /设定罚款/);

  // Filed with the level above within 30 days, and accepted by its filing review.
  await reviewer.goto(url);
  await reviewer.click('button:has-text("报送备案")');
  await reviewer.waitForSelector('text=按期报备');
  await reviewer.selectOption('#decision', 'accept');
  await reviewer.click('button:has-text("登记备案审查结果")');
  await reviewer.waitForSelector('text=审查通过');
  const history = await reviewer.textContent('main');
  assert.match(history, /备案审查通过/);
  assert.match(history, /修改文本/);
  await reviewer.screenshot({ path: `${SCREENSHOTS}normative-05-filed-accepted.png`, fullPage: true });

  await visitor.reload();
  assert.match(await visitor.textContent('main'), /备案审查通过/);
  await visitor.close();
});
