import { describe, expect, it } from 'vitest';
import { readSettings } from '#adapters/config.ts';
import type { Issue } from '#domain/issue.ts';
import { DEFAULT_RATING_SCALE, ratingScaleSetting, ScoreOutOfScaleError } from '#domain/rating-scale.ts';
import { afterRating, recordRating, whatFollowsRating } from '#domain/rating-transitions.ts';
import { contributionOf } from '#domain/stats.ts';
import { trackPage } from '#http/pages/track-page.ts';
import { readStageConfig } from '#infra/stage-config.ts';
import { at, reportedIssue, resolveAt } from './fixtures.ts';

const FOUR_LEVELS = ratingScaleSetting.parse({ levels: 4, satisfied: [3, 4], reopen: [1] });

function resolvedIssue(): Issue {
  return resolveAt(reportedIssue(), 'grid', 1);
}

describe('the default scale', () => {
  it('has five levels, counts 3 to 5 as satisfied and reopens on 1 and 2', () => {
    // Act
    const { levels, satisfied, reopen } = DEFAULT_RATING_SCALE;

    // Assess
    expect(levels.map((level) => `${level.score} ${level.name}`)).toEqual([
      '5 非常满意',
      '4 满意',
      '3 基本满意',
      '2 不满意',
      '1 非常不满意',
    ]);
    expect({ satisfied, reopen }).toEqual({ satisfied: [3, 4, 5], reopen: [1, 2] });
  });

  it('reads ratings stored before scales were configurable by the five levels', () => {
    // Prepare
    const {
      satisfied: _s,
      reopens: _r,
      ...old
    } = recordRating(resolvedIssue(), { score: 2, now: at(20) }).rating ?? { score: 0, at: '', round: 0 };

    // Act
    const next = afterRating({ reworkCount: 0 }, old);

    // Assess
    expect(next).toBe('reopened');
  });
});

describe('a configured scale', () => {
  it('refuses a score it does not have, naming the field', () => {
    // Act
    const attempt = () => recordRating(resolvedIssue(), { score: 5, now: at(20) }, FOUR_LEVELS);

    // Assess
    expect(attempt).toThrow(ScoreOutOfScaleError);
    expect(attempt).toThrow(expect.objectContaining({ field: 'score' }));
  });

  it('decides rework and the figures by its own sets, kept with the rating', () => {
    // Prepare
    const rated = (score: number) => recordRating(resolvedIssue(), { score, now: at(20) }, FOUR_LEVELS);

    // Act
    const settled = [1, 2, 3].map((score) => whatFollowsRating(rated(score), at(21)).issue);

    // Assess
    expect(settled.map((issue) => [issue.status, issue.outcome])).toEqual([
      ['assigned', undefined],
      ['closed', 'unsatisfied'],
      ['closed', 'satisfied'],
    ]);
    expect(settled.map((issue) => contributionOf(issue).satisfied)).toEqual([0, 0, 1]);
  });

  it('shows its own levels on the rating form', () => {
    // Act
    const page = trackPage('zh', 'gw-abcdefghijklmnop', FOUR_LEVELS);

    // Assess
    expect([...page.matchAll(/name="score" value="(\d)"/g)].map((match) => match[1])).toEqual([
      '4',
      '3',
      '2',
      '1',
    ]);
  });

  it.each([
    ['not JSON', 'five'],
    ['a score beyond the levels', '{"levels":4,"satisfied":[4,5],"reopen":[1]}'],
    ['a score both satisfied and reopening', '{"levels":5,"satisfied":[2,3],"reopen":[1,2]}'],
  ])('is refused at cold start when %s, naming RATING_SCALE', (_case, value) => {
    // Act
    const reading = () => readSettings(['RATING_SCALE'], { RATING_SCALE: value });

    // Assess
    expect(reading).toThrow(/RATING_SCALE/);
  });

  it('is set from the stage config, which refuses a bad one at synth', () => {
    // Prepare
    const scale = '{"levels":3,"satisfied":[2,3],"reopen":[1]}';

    // Act
    const config = readStageConfig({ ratingScale: scale, appealWindow: 'P5D' });
    const bad = () => readStageConfig({ ratingScale: '{"levels":9}' });

    // Assess
    expect(config.ratingSettings).toEqual({ RATING_SCALE: scale, APPEAL_WINDOW: 'P5D' });
    expect(readSettings(['RATING_SCALE'], config.ratingSettings).RATING_SCALE.levels).toHaveLength(3);
    expect(bad).toThrow(/-c ratingScale/);
  });
});
