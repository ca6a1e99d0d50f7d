import * as z from 'zod';
import { DomainError } from './errors.ts';
import type { Rating } from './issue.ts';

/** One level of the rating scale, as residents see it. */
export interface ScoreLevel {
  readonly score: number;
  readonly name: string;
  readonly nameEn: string;
}

/**
 * A deployment's 好差评 scale: its levels (best first), which scores count as satisfied (满意率) and which send
 * the case back for rework. Most districts rate on five levels; some provinces use four or three.
 */
export interface RatingScale {
  readonly levels: readonly ScoreLevel[];
  readonly satisfied: readonly number[];
  readonly reopen: readonly number[];
}

/** The names districts give each level, by the number of levels, best first. */
const NAMES: Record<number, readonly (readonly [string, string])[]> = {
  5: [
    ['非常满意', 'Very satisfied'],
    ['满意', 'Satisfied'],
    ['基本满意', 'Fairly satisfied'],
    ['不满意', 'Dissatisfied'],
    ['非常不满意', 'Very dissatisfied'],
  ],
  4: [
    ['非常满意', 'Very satisfied'],
    ['满意', 'Satisfied'],
    ['基本满意', 'Fairly satisfied'],
    ['不满意', 'Dissatisfied'],
  ],
  3: [
    ['满意', 'Satisfied'],
    ['基本满意', 'Fairly satisfied'],
    ['不满意', 'Dissatisfied'],
  ],
  2: [
    ['满意', 'Satisfied'],
    ['不满意', 'Dissatisfied'],
  ],
};

const scores = z.array(z.number().int().min(1)).min(1);

/** The scale as a setting (RATING_SCALE, JSON): `{"levels":5,"satisfied":[3,4,5],"reopen":[1,2]}`. */
export const ratingScaleSetting = z
  .strictObject({ levels: z.number().int().min(2).max(5), satisfied: scores, reopen: scores })
  .superRefine((value, context) => {
    for (const key of ['satisfied', 'reopen'] as const) {
      if (value[key].some((score) => score > value.levels)) {
        context.addIssue({ code: 'custom', path: [key], message: `Scores run from 1 to ${value.levels}` });
      }
    }
    if (value.satisfied.some((score) => value.reopen.includes(score))) {
      context.addIssue({
        code: 'custom',
        path: ['reopen'],
        message: 'A satisfied score cannot reopen the case',
      });
    }
  })
  .transform((value): RatingScale => {
    const names = NAMES[value.levels] ?? [];
    const levels = names.map(([name, nameEn], index) => ({ score: value.levels - index, name, nameEn }));
    return { levels, satisfied: value.satisfied, reopen: value.reopen };
  });

/** 非常满意 (5) … 非常不满意 (1): 3–5 count as satisfied, 1–2 reopen the case. */
export const DEFAULT_RATING_SCALE: RatingScale = ratingScaleSetting.parse({
  levels: 5,
  satisfied: [3, 4, 5],
  reopen: [1, 2],
});

/** A score the deployment's scale does not have. */
export class ScoreOutOfScaleError extends DomainError {
  readonly field = 'score';
  constructor(score: number, scale: RatingScale) {
    super(
      `Score ${score} is not on this scale: choose one of ${scale.levels.map((l) => l.score).join(', ')}.`,
    );
  }
}

/** Fails unless `score` is one of the scale's levels. */
export function requireOnScale(score: number, scale: RatingScale): void {
  if (!scale.levels.some((level) => level.score === score)) throw new ScoreOutOfScaleError(score, scale);
}

/** Whether a score counts as satisfied in the satisfaction rate (满意率). */
export function isSatisfied(score: number, scale: RatingScale): boolean {
  return scale.satisfied.includes(score);
}

/** Whether a score sends the case back for rework (while rework rounds remain). */
export function reopens(score: number, scale: RatingScale): boolean {
  return scale.reopen.includes(score);
}

/** What a rating means: the verdict stored when it was given, or the default scale's for older ratings. */
export function verdictOf(rating: Pick<Rating, 'score' | 'satisfied' | 'reopens'>): {
  satisfied: boolean;
  reopens: boolean;
} {
  return {
    satisfied: rating.satisfied ?? isSatisfied(rating.score, DEFAULT_RATING_SCALE),
    reopens: rating.reopens ?? reopens(rating.score, DEFAULT_RATING_SCALE),
  };
}

/** Whether a rating counts in the satisfaction figures: all do, except one whose appeal was upheld. */
export function countsInFigures(rating: Pick<Rating, 'appeal'>): boolean {
  return rating.appeal?.status !== 'upheld';
}

/** An appeal against a bad rating is lodged within three working days of it, unless a district sets another. */
export const APPEAL_WINDOW = 'P3D';
/** A resolved case still unrated after a day is invited to rate once more (邀评), unless a district sets another. */
export const RATING_REINVITE_AFTER = 'P1D';
