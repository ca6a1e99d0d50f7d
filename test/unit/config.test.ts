import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, readSettings } from '#adapters/config.ts';
import { notifier } from '#adapters/wiring/notifier.ts';
import { policy } from '#adapters/wiring/policy.ts';
import { workflowStarter } from '#adapters/wiring/workflow-starter.ts';
import { RATING_WINDOW } from '#domain/categories.ts';
import { readLocalSettings } from '#local/config.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('readSettings', () => {
  it.each(['CASES_TABLE', 'REGISTRY_TABLE', 'STATE_MACHINE_ARN', 'PUBLIC_URL', 'NOTIFIER'] as const)(
    'fails naming %s when it is missing',
    (name) => {
      // Act
      const reading = () => readSettings([name], {});

      // Assess
      expect(reading).toThrow(ConfigError);
      expect(reading).toThrow(`Invalid configuration: ${name} is required`);
    },
  );

  it('names every bad setting at once', () => {
    // Act
    const reading = () => readSettings(['CASES_TABLE', 'NOTIFIER'], { NOTIFIER: 'pigeon' });

    // Assess
    expect(reading).toThrow(/^Invalid configuration: CASES_TABLE is required; NOTIFIER: .+/);
  });

  it.each(['3 days', 'P', 'PT0S', 'P-1D'])('refuses RATING_WINDOW=%s at start', (value) => {
    // Act
    const reading = () => readSettings(['RATING_WINDOW'], { RATING_WINDOW: value });

    // Assess
    expect(reading).toThrow(/RATING_WINDOW: Expected an ISO 8601 duration/);
  });

  it("takes a rating window in the timers' grammar, or the district default", () => {
    // Act
    const given = readSettings(['RATING_WINDOW'], { RATING_WINDOW: 'PT2H' });
    const unset = readSettings(['RATING_WINDOW'], {});

    // Assess
    expect(given).toEqual({ RATING_WINDOW: 'PT2H' });
    expect(unset).toEqual({ RATING_WINDOW });
  });

  it('reads LOG_LEVEL in any case and defaults it to INFO', () => {
    // Act
    const given = readSettings(['LOG_LEVEL'], { LOG_LEVEL: 'warn' });
    const unset = readSettings(['LOG_LEVEL'], {});
    const bad = () => readSettings(['LOG_LEVEL'], { LOG_LEVEL: 'loud' });

    // Assess
    expect(given).toEqual({ LOG_LEVEL: 'WARN' });
    expect(unset).toEqual({ LOG_LEVEL: 'INFO' });
    expect(bad).toThrow(/LOG_LEVEL: /);
  });
});

describe('the deferral and pause limits', () => {
  it('read MAX_DEFERRALS, MAX_DEFERRAL and MAX_PAUSE into the policy, the district defaults where unset', () => {
    // Prepare
    vi.stubEnv('MAX_DEFERRALS', '2');
    vi.stubEnv('MAX_PAUSE', 'P90D');
    vi.stubEnv('MAX_DEFERRAL', undefined);

    // Act
    const { changeLimits } = policy();

    // Assess
    expect(changeLimits).toEqual({ maxDeferrals: 2, maxDeferral: 'P30D', maxPause: 'P90D' });
  });

  it.each([
    ['MAX_DEFERRALS', '-1', /MAX_DEFERRALS: /],
    ['MAX_DEFERRALS', 'once', /MAX_DEFERRALS: /],
    ['MAX_DEFERRAL', '30 days', /MAX_DEFERRAL: Expected an ISO 8601 duration/],
    ['MAX_PAUSE', 'P0D', /MAX_PAUSE: Expected an ISO 8601 duration/],
  ])('fail at cold start on %s=%s, naming the variable', (name, value, message) => {
    // Prepare
    vi.stubEnv(name, value);

    // Act
    const ruling = () => policy();

    // Assess
    expect(ruling).toThrow(message);
  });
});

describe('the adapter factories', () => {
  it('fail at cold start when the function was deployed without the setting they need', async () => {
    // Prepare
    vi.stubEnv('STATE_MACHINE_ARN', undefined);
    vi.stubEnv('NOTIFIER', undefined);
    vi.stubEnv('RATING_WINDOW', 'soon');

    // Act
    const starting = () => workflowStarter();
    const notifying = notifier();
    const ruling = () => policy();

    // Assess
    expect(starting).toThrow('Invalid configuration: STATE_MACHINE_ARN is required');
    await expect(notifying).rejects.toThrow('Invalid configuration: NOTIFIER is required');
    expect(ruling).toThrow(/RATING_WINDOW: Expected an ISO 8601 duration/);
  });
});

describe('readLocalSettings', () => {
  it('checks what npm start hands to the functions as the functions do, before anything starts', () => {
    // Act
    const badWindow = () => readLocalSettings({ RATING_WINDOW: '3 days' });
    const badLevel = () => readLocalSettings({ LOG_LEVEL: 'loud' });
    const badPause = () => readLocalSettings({ MAX_PAUSE: 'two months' });
    const good = readLocalSettings({ RATING_WINDOW: 'PT2H', LOG_LEVEL: 'debug' });

    // Assess
    expect(badWindow).toThrow(/RATING_WINDOW: Expected an ISO 8601 duration/);
    expect(badLevel).toThrow(/LOG_LEVEL: /);
    expect(badPause).toThrow(/MAX_PAUSE: Expected an ISO 8601 duration/);
    expect(good).toMatchObject({ RATING_WINDOW: 'PT2H', LOG_LEVEL: 'DEBUG', TIME_SCALE: 1 });
  });
});
