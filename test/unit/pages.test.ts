import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gridOfAddress } from '#domain/address-match.ts';
import { assetUrl, findAsset } from '#http/pages/assets.ts';
import { dashboardPage } from '#http/pages/dashboard-page.ts';
import { ICON, jsonData, layout } from '#http/pages/html.ts';
import { PAGE_CSP, pageResponse } from '#http/pages/page-response.ts';
import { problemPage } from '#http/pages/problem-page.ts';
import { residentPage } from '#http/pages/resident-page.ts';
import { type ReportErrorStrings, reportErrors } from '#http/pages/scripts/report-errors.ts';
import { goneLinkPage, taskPage } from '#http/pages/task-page.ts';
import { trackPage } from '#http/pages/track-page.ts';
import { workbenchPage } from '#http/pages/workbench-page.ts';
import { bearerMatches } from '#local/runtime/http-api/bearer.ts';
import { demoDistrict } from '#local/seed/demo-district.ts';
import { handler as assetHandler } from '../../functions/api/asset.ts';
import { assignedIssue, taskOf } from './fixtures.ts';

const HOSTILE = '<script>alert("x")</script>&\'';

function assignedWith(description: string, reporterName: string) {
  const issue = assignedIssue();
  return {
    ...issue,
    description,
    reporter: { name: reporterName, phone: '13812345678', email: 'a@example.org' },
  };
}

describe('the approval-link page', () => {
  it('escapes the description and the reporter’s name, and shows the contact only as text and links', () => {
    // Prepare
    const issue = assignedWith(HOSTILE, HOSTILE);

    // Act
    const html = taskPage('zh', {
      issue,
      task: taskOf(issue),
      actions: ['accept', 'decline'],
      now: issue.updatedAt,
      path: '/tasks/abc',
    });

    // Assess
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;');
    expect(html).toContain('<a href="tel:13812345678">13812345678</a>');
    expect(html.match(/<form class="\w+" method="post" action="\/tasks\/abc">/g)).toHaveLength(2);
    // Declining is folded behind its own button, so accepting cannot be mistaken for it on a small screen.
    expect(html).toMatch(/<details class="decline"><summary class="button danger">退回…<\/summary><form/);
    expect(html).toContain('<label for="decline-note">');
    expect(html).toContain('<textarea id="decline-note" name="note" required');
  });

  it('labels an appeal’s decision 支持申诉 / 驳回申诉 and a deferral’s 批准 / 不予批准, in both languages', () => {
    // Prepare
    const issue = assignedIssue();
    const task = taskOf(issue);
    const request = (kind: 'appeal' | 'defer') => ({
      kind,
      seq: task.seq,
      nonce: 'n',
      by: task.assignee,
      approver: task.assignee,
      approverLevel: 'community' as const,
      reason: '评价与事实不符',
      at: issue.updatedAt,
      status: 'pending' as const,
    });
    const render = (lang: 'zh' | 'en', kind: 'appeal' | 'defer') =>
      taskPage(lang, {
        issue,
        task,
        actions: ['approve', 'refuse'],
        request: request(kind),
        now: issue.updatedAt,
        path: '/tasks/abc',
      });
    const buttons = (html: string) => [...html.matchAll(/<button type="submit">([^<]+)</g)].map((m) => m[1]);

    // Act
    const appeal = render('zh', 'appeal');
    const appealEn = render('en', 'appeal');
    const deferral = render('zh', 'defer');

    // Assess
    expect(buttons(appeal)).toEqual(['支持申诉', '驳回申诉']);
    expect(buttons(appealEn)).toEqual(['Uphold the appeal', 'Reject the appeal']);
    expect(buttons(deferral)).toEqual(['批准', '不予批准']);
    // Upholding an appeal sets no date: only a deferral's approval may move the deadline.
    expect(appeal).not.toContain('id="approve-until"');
    expect(deferral).toContain('id="approve-until"');
  });

  it('says how long is left, and how long ago the deadline passed', () => {
    // Prepare
    const issue = assignedIssue();
    const task = taskOf(issue);
    const render = (now: string) =>
      taskPage('en', { issue, task, actions: ['accept'], now, path: '/tasks/abc' });

    // Act
    const before = render(new Date(Date.parse(task.deadline) - 65 * 60_000).toISOString());
    const after = render(new Date(Date.parse(task.deadline) + 20 * 60_000).toISOString());

    // Assess
    expect(before).toContain('1 h 5 min left');
    expect(after).toContain('overdue by 20 min');
    expect(after).toContain('class="badge late"');
  });

  it('tells the holder of a spent link who holds the case now', () => {
    // Act
    const html = goneLinkPage('zh', 'used', {
      id: 'gw-1',
      status: 'in_progress',
      level: 'community',
      assignee: { id: 'p-1', name: '王<b>社区', role: 'community_supervisor' },
    } as never);

    // Assess
    expect(html).toContain('此链接已经使用过。');
    expect(html).toContain('目前由社区的 王&#60;b&#62;社区 承办。');
    expect(html).toContain('href="/track/gw-1"');
  });
});

describe('the page frame', () => {
  it('keeps data blocks from closing their script element', () => {
    // Act
    const json = jsonData({ text: '</script><script>alert(1)</script>' });

    // Assess
    expect(json).not.toContain('</script');
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script>' });
  });

  it('links the other language and marks the page’s own', () => {
    // Act
    const zh = layout({ lang: 'zh', title: 't', body: '', switchHref: '/?lang=en' });
    const en = layout({ lang: 'en', title: 't', body: '', switchHref: '/' });

    // Assess
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<a href="/?lang=en" lang="en" hreflang="en">English</a>');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('>中文</a>');
  });

  it('declares an inline icon the CSP allows, so no browser asks for /favicon.ico', () => {
    // Act
    const html = layout({ lang: 'zh', title: 't', body: '' });

    // Assess
    expect(html).toContain(`<link rel="icon" href="${ICON}">`);
    expect(ICON).toMatch(/^data:image\/svg\+xml,/);
    expect(ICON).not.toMatch(/["<>]/);
    expect(PAGE_CSP).toMatch(/img-src [^;]*\bdata:/);
  });

  it('serves pages with a CSP that allows scripts from this origin only, and no referrer', () => {
    // Act
    const response = pageResponse(200, '<p>x</p>');

    // Assess
    expect(response.headers).toMatchObject({
      'content-security-policy': PAGE_CSP,
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain('unsafe-eval');
  });
});

describe('the resident, tracking and dashboard pages', () => {
  it('label every field and load one versioned module each', () => {
    for (const html of [
      residentPage('zh'),
      residentPage('en'),
      trackPage('zh', 'gw-1'),
      dashboardPage('zh'),
      workbenchPage('zh'),
      workbenchPage('en'),
    ]) {
      const ids = [...html.matchAll(/<(?:input|select|textarea) id="([^"]+)"/g)].map((match) => match[1]);
      for (const id of ids) expect(html, id).toContain(`for="${id}"`);
      // The workbench links its action forms' module too, once that module is built.
      const modules = html.includes('workbench-actions.js') ? 2 : 1;
      expect(
        html.match(/<script type="module" src="\/assets\/[\w-]+\.js\?v=[\w-]{12}"><\/script>/g),
      ).toHaveLength(modules);
    }
  });

  it('offers every category, in the page’s language, with none chosen for the resident', () => {
    expect(residentPage('zh')).toContain(
      '<option value="" selected>请选择</option><option value="water_supply">',
    );
    expect(residentPage('zh')).toContain('<option value="water_supply">供水问题</option>');
    expect(residentPage('en')).toContain('<option value="water_supply">Water supply</option>');
    expect(residentPage('en').match(/ selected>/g)).toHaveLength(1);
  });

  it('gives address examples that route to one grid of the demo district', () => {
    // Prepare
    const grids = demoDistrict().grids;

    // Act
    const examples = ['zh', 'en'].flatMap((lang) =>
      [...residentPage(lang as 'zh' | 'en').matchAll(/(\p{Script=Han}+路\d+号\d+栋)/gu)].map(
        (match) => match[1],
      ),
    );

    // Assess
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      expect(gridOfAddress(grids, example ?? ''), example).toEqual({
        grid: expect.objectContaining({ id: 'g-001' }),
      });
    }
  });
});

describe('the report form’s error messages', () => {
  const strings = (lang: 'zh' | 'en') => {
    const block = /<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(residentPage(lang));
    return (JSON.parse(block?.[1] ?? '{}') as { t: ReportErrorStrings }).t;
  };
  const notFound = (path: string, message: string) => ({
    type: 'urn:problem:gridwork:location-not-found',
    title: 'Unprocessable Content',
    detail: message,
    errors: [{ path, message }],
  });

  it('word a location that matched no grid in the page’s language, by the way it was given', () => {
    // Act
    const address = reportErrors(
      422,
      notFound('location.address', 'No grid registers this address'),
      strings('zh'),
    );
    const point = reportErrors(422, notFound('location', 'No grid covers this point'), strings('zh'));
    const grid = reportErrors(422, notFound('location.gridId', 'No grid g-999'), strings('en'));

    // Assess
    expect(address).toEqual({
      heading: '请修改以下内容后再提交：',
      fields: [
        {
          field: 'location',
          message:
            '名册中没有这个地址，请核对门牌（例如 建设路1号1栋），从输入时的提示中选择，或改为选择网格。',
        },
      ],
    });
    expect(
      reportErrors(
        422,
        {
          type: 'urn:problem:gridwork:address-ambiguous',
          errors: [{ path: 'location.address', message: 'The address matches several grids' }],
        },
        strings('en'),
      ).fields,
    ).toEqual([
      {
        field: 'location',
        message: 'This address matches several grids; choose one of the suggestions below.',
      },
    ]);
    expect(point.fields).toEqual([
      { field: 'location', message: '您所在的位置不在任何网格内，请填写登记地址或选择网格。' },
    ]);
    expect(grid.fields).toEqual([{ field: 'location', message: 'No such grid; choose one from the list.' }]);
  });

  it('word validation errors per field, once per field, and never repeat the API’s English', () => {
    // Act
    const shown = reportErrors(
      422,
      {
        type: 'urn:problem:gridwork:validation',
        detail: 'The request has invalid fields.',
        errors: [
          { path: 'category', message: 'Expected one of water_supply, drainage' },
          { path: 'location.lat', message: 'Too big' },
          { path: 'location.lng', message: 'Too big' },
          { path: 'reporter.phone', message: 'Expected a phone number' },
          { path: 'idempotency-key', message: 'Too short' },
        ],
      },
      strings('zh'),
    );

    // Assess
    expect(shown).toEqual({
      heading: '请修改以下内容后再提交：',
      fields: [
        { field: 'category', message: '请选择问题类别。' },
        { field: 'location', message: '请选择网格、填写登记地址或获取手机位置。' },
        { field: 'phone', message: '请填写正确的手机号码。' },
        { field: null, message: '提交失败，请稍后再试。' },
      ],
    });
  });

  it('word failures without fields by their kind, not by the API’s detail', () => {
    const t = strings('zh');
    expect(reportErrors(0, null, t).heading).toBe('网络连接失败，请检查网络后再试。');
    expect(reportErrors(429, { detail: 'Too Many Requests' }, t).heading).toBe('提交过于频繁，请稍后再试。');
    expect(
      reportErrors(422, { type: 'urn:problem:gridwork:idempotency-key-reused', detail: 'reused' }, t).heading,
    ).toContain('刷新页面');
    expect(reportErrors(500, { detail: 'Something went wrong on our side.' }, t)).toEqual({
      heading: '提交失败，请稍后再试。',
      fields: [],
    });
  });
});

describe('problem pages', () => {
  const main = (html: string) => /<main id="main">(.*)<\/main>/s.exec(html)?.[1] ?? '';
  const problems = [
    {
      status: 404,
      title: 'Not Found',
      type: 'urn:problem:gridwork:link-not-found',
      detail: 'This link is not valid.',
    },
    {
      status: 404,
      title: 'Not Found',
      type: 'urn:problem:gridwork:issue-not-found',
      detail: 'No issue gw-1',
    },
    {
      status: 409,
      title: 'Conflict',
      type: 'urn:problem:gridwork:state-conflict',
      detail: 'The issue moved on',
    },
    {
      status: 503,
      title: 'Service Unavailable',
      type: 'urn:problem:gridwork:workflow-unavailable',
      detail: 'x',
    },
    { status: 403, title: 'Forbidden', detail: 'The tracking token does not match' },
    { status: 500, title: 'Internal Server Error', detail: 'Something went wrong on our side.' },
    {
      status: 422,
      title: 'Unprocessable Content',
      type: 'urn:problem:gridwork:validation',
      detail: 'The request has invalid fields.',
      errors: [
        { path: 'note', message: 'A reason is required to decline' },
        { path: 'gridId', message: 'The grid to reassign to is required' },
      ],
    },
  ];

  it.each(problems)('say $title ($status) on a Chinese page in Chinese only', (problem) => {
    // Act
    const html = main(problemPage('zh', problem));

    // Assess
    expect(html).toMatch(/<h1>\p{Script=Han}/u);
    expect(html.replace(/<[^>]*>/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('name a form’s fields and what to do in Chinese, and give the API’s own words in English', () => {
    // Act
    const zh = problemPage('zh', problems[6] as (typeof problems)[number]);
    const en = problemPage('en', problems[6] as (typeof problems)[number]);

    // Assess
    expect(zh).toContain(
      '<li>说明：退回时请写明理由，最多 1000 字。</li><li>网格：请填写要改派到的网格编号。</li>',
    );
    expect(en).toContain('<li><code>note</code>: A reason is required to decline</li>');
  });
});

describe('English pages', () => {
  it('name a level standing alone with a capital, and call the row what it is', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const task = taskPage('en', {
      issue,
      task: taskOf(issue),
      actions: ['accept'],
      now: issue.updatedAt,
      path: '/t',
    });
    const track = trackPage('en', issue.id);

    // Assess
    expect(task).toContain('<dt>Handled at</dt><dd>Grid</dd>');
    expect(track).toContain('"levelTitles":{"grid":"Grid","community":"Community","street":"Street office"');
    expect(track).toContain('"grid_worker":"grid worker"');
  });
});

describe('the page modules', () => {
  const names = [
    'resident.js',
    'track.js',
    'task.js',
    'dashboard.js',
    'report.js',
    'workbench.js',
    'workbench-actions.js',
  ];

  it('are small, self-contained and never write markup from data', () => {
    for (const name of names) {
      const body = findAsset(name)?.body ?? '';
      expect(Buffer.byteLength(body), name).toBeGreaterThan(500);
      expect(Buffer.byteLength(body), name).toBeLessThan(30 * 1024);
      expect(body, name).not.toContain('innerHTML');
      expect(body, name).not.toMatch(/\bimport\s*[{*"'(]/);
    }
  });

  it('are linked by the digest of the body served, and nothing else is served', () => {
    for (const name of names) {
      const asset = findAsset(name);
      const digest = createHash('sha256')
        .update(asset?.body ?? '')
        .digest('base64url');
      expect(asset?.version).toBe(digest.slice(0, 12));
      expect(assetUrl(name)).toBe(`/assets/${name}?v=${digest.slice(0, 12)}`);
    }
    expect(new Set(names.map((name) => findAsset(name)?.version)).size).toBe(names.length);
    for (const name of ['common.js', 'constructor', '__proto__', 'resident.ts']) {
      expect(findAsset(name), name).toBeUndefined();
      expect(() => assetUrl(name), name).toThrow();
    }
  });
});

describe('GET /assets/{name}', () => {
  const get = (name: string, v?: string) =>
    assetHandler(
      { pathParameters: { name }, queryStringParameters: v === undefined ? undefined : { v } } as never,
      {} as never,
    );

  it('lets the current version be cached for good and any other URL briefly', async () => {
    // Prepare
    const asset = findAsset('track.js');

    // Act
    const current = await get('track.js', asset?.version);
    const stale = await get('track.js', 'old');

    // Assess
    expect(current).toEqual({
      statusCode: 200,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
      },
      body: asset?.body,
    });
    expect(stale).toMatchObject({ statusCode: 200, headers: { 'cache-control': 'public, max-age=300' } });
  });

  it('answers 404 for any other name', async () => {
    expect(await get('common.js')).toMatchObject({ statusCode: 404 });
    expect(await get('toString')).toMatchObject({ statusCode: 404 });
  });
});

describe('bearerMatches', () => {
  it('accepts exactly the configured token and nothing when none is configured', () => {
    expect(bearerMatches('Bearer s3cret', 's3cret')).toBe(true);
    expect(bearerMatches('bearer s3cret', 's3cret')).toBe(true);
    expect(bearerMatches('Bearer s3cre', 's3cret')).toBe(false);
    expect(bearerMatches('s3cret', 's3cret')).toBe(false);
    expect(bearerMatches(undefined, 's3cret')).toBe(false);
    expect(bearerMatches('Bearer ', '')).toBe(false);
    expect(bearerMatches('Bearer x', undefined)).toBe(false);
  });
});
