import { describe, expect, it } from 'vitest';
import { readStageConfig, StageConfigError } from '#infra/stage-config.ts';

const PROD = {
  stage: 'prod',
  notifier: 'sns-sms',
  alarmEmails: 'ops@example.cn, duty@example.cn',
};

describe('readStageConfig', () => {
  it('gives a development stage with no context: outbox, open CORS, modest throttling', () => {
    // Act
    const config = readStageConfig({}, { region: 'cn-north-1' });

    // Assess
    expect(config).toEqual({
      stage: 'dev',
      env: { account: undefined, region: 'cn-north-1' },
      protectData: false,
      photoRetentionDays: 365,
      notifier: 'outbox',
      emailFrom: undefined,
      alarmEmails: [],
      throttle: { rateLimit: 50, burstLimit: 100 },
      corsOrigins: [],
      intakeConcurrency: undefined,
      linkKeyRotation: undefined,
      dashboardPasswordAuth: false,
      logLevel: 'INFO',
      ratingSettings: {},
    });
  });

  it('reads the strings the CDK CLI passes as numbers and comma-separated lists', () => {
    // Act
    const config = readStageConfig({
      ...PROD,
      throttleRate: '20',
      throttleBurst: '40',
      corsOrigins: 'https://grid.example.cn',
      region: 'cn-northwest-1',
      account: '123456789012',
      dashboardIssuer: 'https://login.grid.example.cn',
      dashboardAudience: 'gridwork-dashboard',
    });

    // Assess
    expect(config).toMatchObject({
      stage: 'prod',
      env: { account: '123456789012', region: 'cn-northwest-1' },
      protectData: true,
      notifier: 'sns-sms',
      alarmEmails: ['ops@example.cn', 'duty@example.cn'],
      throttle: { rateLimit: 20, burstLimit: 40 },
      corsOrigins: ['https://grid.example.cn'],
    });
  });

  it('asks a China region for its own dashboard issuer, as Cognito user pools are not offered there', () => {
    // Act
    const reading = () => readStageConfig({ ...PROD, region: 'cn-north-1' });

    // Assess
    expect(reading).toThrow(/-c dashboardIssuer: Cognito user pools are not offered in the China regions/);
  });

  it('refuses a production stage without a channel or anyone to alarm, naming the context keys', () => {
    // Act
    const reading = () => readStageConfig({ stage: 'prod' });

    // Assess
    expect(reading).toThrow(StageConfigError);
    expect(reading).toThrow(/-c notifier: prod must name its channel/);
    expect(reading).toThrow(/-c alarmEmails: prod needs at least one address/);
  });

  it('refuses malformed values with the key and what was expected', () => {
    // Act
    const reading = () =>
      readStageConfig({ stage: 'Prod!', throttleRate: 'fast', alarmEmails: 'ops', notifier: 'sms' });

    // Assess
    expect(reading).toThrow(/-c stage: Expected a lower-case name/);
    expect(reading).toThrow(/-c throttleRate:/);
    expect(reading).toThrow(/-c alarmEmails\.0: Expected e-mail addresses/);
    expect(reading).toThrow(/-c notifier:/);
  });

  it('takes a district’s own deferral and pause limits, and refuses bad ones naming the key', () => {
    // Act
    const config = readStageConfig({ maxDeferrals: '2', maxPause: 'P90D' });
    const bad = () => readStageConfig({ maxDeferrals: '-1', maxDeferral: '30 days', maxPause: 'PT0S' });

    // Assess
    expect(config.changeLimits).toEqual({ maxDeferrals: 2, maxPause: 'P90D' });
    expect(readStageConfig({}).changeLimits).toBeUndefined();
    expect(bad).toThrow(StageConfigError);
    expect(bad).toThrow(
      /-c maxDeferrals: [\s\S]*-c maxDeferral: Expected an ISO 8601[\s\S]*-c maxPause: Expected/,
    );
  });

  it('takes a contact retention as an ISO 8601 duration, and fails synth naming the key on anything else', () => {
    // Act
    const config = readStageConfig({ contactRetention: 'P90D' });
    const reading = (value: string) => () => readStageConfig({ contactRetention: value });

    // Assess
    expect(config.contactRetention).toBe('P90D');
    expect(readStageConfig({}).contactRetention).toBeUndefined();
    for (const bad of ['180 days', 'P6M', 'PT0S', 'P-1D']) {
      expect(reading(bad)).toThrow(/-c contactRetention: Expected an ISO 8601 duration longer than zero/);
    }
  });

  it('needs a sender address for e-mail', () => {
    // Act
    const reading = () => readStageConfig({ ...PROD, notifier: 'sns-sms,ses-email' });

    // Assess
    expect(reading).toThrow(/-c emailFrom: ses-email needs the SES-verified sender address/);
  });

  it('keeps the local stage on the outbox', () => {
    // Act
    const local = readStageConfig({ stage: 'local' });
    const reading = () => readStageConfig({ stage: 'local', notifier: 'sns-sms' });

    // Assess
    expect(local.notifier).toBe('outbox');
    expect(reading).toThrow(/the local stage always uses the outbox/);
  });
});
