import { describe, expect, it } from 'vitest';
import type { FieldError } from '#http/problem.ts';
import { HttpRequestError } from '#http/problem.ts';
import { validate } from '#http/request-body.ts';
import { idempotencyKey, ratingBody, reportBody, taskActionBody } from '#http/schemas.ts';

const VALID = {
  category: 'drainage',
  description: '共用下水管堵塞，七户受影响',
  location: { gridId: 'g-002' },
};

/** The field errors `validate` throws for a value the schema refuses; fails the test if it accepts it. */
function fieldErrors(schema: Parameters<typeof validate>[0], value: unknown): readonly FieldError[] {
  try {
    validate(schema, value);
  } catch (error) {
    if (!(error instanceof HttpRequestError)) throw error;
    expect(error.problem.status).toBe(422);
    expect(error.problem.type).toBe('urn:problem:gridwork:validation');
    return error.problem.errors ?? [];
  }
  throw new Error(`Expected ${JSON.stringify(value)} to be refused`);
}

function pathsOf(errors: readonly FieldError[]): string[] {
  return errors.map((error) => error.path).sort();
}

describe('reportBody', () => {
  it.each([
    ['a grid id', { gridId: 'g-002' }],
    ['an address', { address: '荷花路12号' }],
    ['a point', { lat: 39.9042, lng: 116.4074 }],
    ['a point drawn on a Chinese map platform', { lat: 27.828827, lng: 113.159798, coordSystem: 'gcj02' }],
    ['a point marked WGS-84', { lat: 39.9042, lng: 116.4074, coordSystem: 'wgs84' }],
  ])('accepts a location given as %s', (_form, location) => {
    // Act
    const report = validate(reportBody, { ...VALID, location });

    // Assess
    expect(report.location).toEqual(location);
  });

  it('accepts a full report and trims its text', () => {
    // Prepare
    const body = {
      ...VALID,
      description: '  水管破裂了，快来修  ',
      reporter: { name: ' 张三 ', phone: '+86 139-0000-1111', email: 'zhang@example.org' },
      anonymous: false,
    };

    // Act
    const report = validate(reportBody, body);

    // Assess
    expect(report).toEqual({
      ...body,
      description: '水管破裂了，快来修',
      reporter: { ...body.reporter, name: '张三' },
    });
  });

  it('refuses an unknown top-level field, naming it, at the body', () => {
    // Act
    const errors = fieldErrors(reportBody, { ...VALID, priority: 'high' });

    // Assess
    expect(errors).toEqual([{ path: '(body)', message: expect.stringContaining('priority') }]);
  });

  it('refuses an unknown field inside the reporter at reporter', () => {
    // Act
    const errors = fieldErrors(reportBody, { ...VALID, reporter: { name: '张三', wechat: 'zs' } });

    // Assess
    expect(errors).toEqual([{ path: 'reporter', message: expect.stringContaining('wechat') }]);
  });

  it('names every missing field', () => {
    // Act
    const errors = fieldErrors(reportBody, {});

    // Assess
    expect(pathsOf(errors)).toEqual(['category', 'description', 'location']);
  });

  it('refuses an unknown category, listing the valid ones', () => {
    // Act
    const errors = fieldErrors(reportBody, { ...VALID, category: 'ufo' });

    // Assess
    expect(errors).toEqual([{ path: 'category', message: expect.stringContaining('water_supply') }]);
  });

  it.each([
    ['two location forms at once', { gridId: 'g-002', address: '荷花路12号' }, 'location'],
    ['an empty location', {}, 'location'],
    ['a latitude out of range', { lat: 91, lng: 116 }, 'location.lat'],
    ['a longitude out of range', { lat: 39, lng: -181 }, 'location.lng'],
    ['a blank grid id', { gridId: '   ' }, 'location.gridId'],
    ['an unknown coordinate system', { lat: 39, lng: 116, coordSystem: 'bd09' }, 'location.coordSystem'],
    ['a coordinate system without a point', { gridId: 'g-002', coordSystem: 'gcj02' }, 'location'],
  ])('refuses %s at %s', (_case, location, path) => {
    // Act
    const errors = fieldErrors(reportBody, { ...VALID, location });

    // Assess
    expect(pathsOf(errors)).toEqual([path]);
  });

  it.each(['call me', '123', '139 0000 1111 2222 3333 4', '+-1390000', '139000011x1'])(
    'refuses the phone number %j at reporter.phone',
    (phone) => {
      // Act
      const errors = fieldErrors(reportBody, { ...VALID, reporter: { phone } });

      // Assess
      expect(errors).toEqual([{ path: 'reporter.phone', message: 'Expected a phone number' }]);
    },
  );

  it.each(['nope', 'a@', '@example.org', 'a b@example.org'])(
    'refuses the email %j at reporter.email',
    (email) => {
      // Act
      const errors = fieldErrors(reportBody, { ...VALID, reporter: { email } });

      // Assess
      expect(pathsOf(errors)).toEqual(['reporter.email']);
    },
  );

  it('refuses a description too short to say anything', () => {
    // Act
    const errors = fieldErrors(reportBody, { ...VALID, description: ' 漏 ' });

    // Assess
    expect(pathsOf(errors)).toEqual(['description']);
  });

  it('takes a brief description of two or three visible characters', () => {
    // Act
    const three = validate(reportBody, { ...VALID, description: '停水了' });
    const two = validate(reportBody, { ...VALID, description: ' 漏水\u200b ' });

    // Assess
    expect(three.description).toBe('停水了');
    expect(two.description).toBe('漏水');
  });

  it('refuses a body that is not an object at the body', () => {
    // Act
    const errors = fieldErrors(reportBody, ['drainage']);

    // Assess
    expect(pathsOf(errors)).toEqual(['(body)']);
  });
});

describe('taskActionBody', () => {
  it.each([
    [{ action: 'accept' }],
    [{ action: 'resolve', note: '已修复' }],
    [{ action: 'decline', note: '不在本网格' }],
    [{ action: 'reassign', gridId: 'g-003' }],
    [{ action: 'resolve', outcome: 'solved' }],
    [{ action: 'resolve', outcome: 'explained', note: '系计划停水，明日恢复' }],
  ])('accepts %j', (body) => {
    // Act
    const action = validate(taskActionBody, body);

    // Assess
    expect(action).toEqual(body);
  });

  it.each([[{ action: 'decline' }], [{ action: 'decline', note: '   ' }]])(
    'requires a reason to decline: %j',
    (body) => {
      // Act
      const errors = fieldErrors(taskActionBody, body);

      // Assess
      expect(pathsOf(errors)).toEqual(['note']);
    },
  );

  it.each([
    [{ action: 'resolve', outcome: 'explained' }, ['note']],
    [{ action: 'resolve', outcome: 'unsubstantiated', note: ' ' }, ['note']],
    [{ action: 'resolve', outcome: 'out_of_remit' }, ['note']],
    [{ action: 'resolve', outcome: 'fixed', note: '已修复' }, ['outcome']],
    [{ action: 'accept', outcome: 'solved' }, ['outcome']],
  ])('requires an explanation for any outcome but solved, on a resolution only: %j', (body, paths) => {
    // Act
    const errors = fieldErrors(taskActionBody, body);

    // Assess
    expect(pathsOf(errors)).toEqual(paths);
  });

  it('requires a grid to reassign to', () => {
    // Act
    const errors = fieldErrors(taskActionBody, { action: 'reassign', note: '应由三网格处理' });

    // Assess
    expect(pathsOf(errors)).toEqual(['gridId']);
  });

  it('refuses an unknown action at action', () => {
    // Act
    const errors = fieldErrors(taskActionBody, { action: 'escalate' });

    // Assess
    expect(pathsOf(errors)).toEqual(['action']);
  });
});

describe('ratingBody', () => {
  it.each([0, 6, 3.5, '5'])('refuses the score %j', (score) => {
    // Act
    const errors = fieldErrors(ratingBody, { score });

    // Assess
    expect(pathsOf(errors)).toEqual(['score']);
  });

  it('accepts a score of 1 to 5 with a comment', () => {
    // Act
    const rating = validate(ratingBody, { score: 1, comment: '没人来' });

    // Assess
    expect(rating).toEqual({ score: 1, comment: '没人来' });
  });
});

describe('text rules', () => {
  it.each([
    ['five zero-width spaces', '\u200b\u200b\u200b\u200b\u200b'],
    ['one letter padded with invisible characters', '水\u200b\u2060\ufeff\u200b\u00ad'],
    ['direction controls around one letter', '\u202e\u202d水\u2066\u2069\u202c'],
    ['one emoji made of several code points', '👨‍👩‍👧'],
    ['combining marks and fillers alone', '\u0301\u0301\u3164\u3164\u2800\u2800'],
  ])('refuses a description of %s: fewer than two visible characters', (_case, description) => {
    // Act
    const errors = fieldErrors(reportBody, { ...VALID, description });

    // Assess
    expect(errors).toEqual([{ path: 'description', message: 'Expected at least 2 visible characters' }]);
  });

  it('takes directional overrides and zero-width characters out of a description and counts an emoji once', () => {
    // Act
    const report = validate(reportBody, { ...VALID, description: ' 🚰\u202e停水了\u200b👨‍👩‍👧\u2066 ' });
    const emoji = validate(reportBody, { ...VALID, description: '🚰🚰🚰🚰🚰' });

    // Assess
    expect(report.description).toBe('🚰停水了👨‍👩‍👧');
    expect(emoji.description).toBe('🚰🚰🚰🚰🚰');
  });

  it('refuses half an emoji (a lone surrogate) in any text field, naming the field', () => {
    // Act
    const report = fieldErrors(reportBody, {
      ...VALID,
      description: `${'停水'.repeat(5)}\ud83d`,
      reporter: { name: '张\udeb0' },
      location: { address: '荷花路\ud800' },
    });
    const action = fieldErrors(taskActionBody, { action: 'decline', note: '不归\udc00我管' });
    const rating = fieldErrors(ratingBody, { score: 1, comment: '\ud83d差' });

    // Assess
    expect(pathsOf(report)).toEqual(['description', 'location.address', 'reporter.name']);
    expect(report.map((error) => error.message)).toContain('Contains a broken character (a lone surrogate)');
    expect(pathsOf(action)).toEqual(['note']);
    expect(pathsOf(rating)).toEqual(['comment']);
  });

  it('refuses a name with direction controls and a decline whose reason is invisible', () => {
    // Act
    const name = fieldErrors(reportBody, { ...VALID, reporter: { name: '\u202e三张' } });
    const decline = fieldErrors(taskActionBody, { action: 'decline', note: '\u200b\u200b' });

    // Assess
    expect(name).toEqual([{ path: 'reporter.name', message: 'Contains directional control characters' }]);
    expect(pathsOf(decline)).toEqual(['note']);
  });
});

describe('idempotencyKey', () => {
  it('takes a random UUID and refuses a short or non-ASCII key, naming the header', () => {
    // Act
    const uuid = validate(idempotencyKey, '0b6e4c1d-9a52-4e8f-8c2d-4b6a7f3a9e10');
    const short = fieldErrors(idempotencyKey, 'report-7f3a');
    const wide = fieldErrors(idempotencyKey, '键'.repeat(40));

    // Assess
    expect(uuid).toBe('0b6e4c1d-9a52-4e8f-8c2d-4b6a7f3a9e10');
    expect(pathsOf(short)).toEqual(['idempotency-key']);
    expect(pathsOf(wide)).toEqual(['idempotency-key']);
  });
});
