import * as z from 'zod';

/**
 * How the work on a case ended (办理结果), recorded with its resolution: solved; answered or explained (解释说明);
 * not substantiated on inspection (不属实); outside the remit of whoever handled it (不予受理, or returned to the hotline).
 * Figures say "received 141, solved or answered 50" from these.
 */
export const CASE_OUTCOMES = z.enum(['solved', 'explained', 'unsubstantiated', 'out_of_remit']);
export type CaseOutcome = z.infer<typeof CASE_OUTCOMES>;

/** How the work on a resolved case ended; resolutions older than the field were repairs (`solved`). */
export function outcomeOf(resolution: { readonly outcome?: CaseOutcome | undefined }): CaseOutcome {
  return resolution.outcome ?? 'solved';
}

/**
 * The outcomes the published headline counts as "solved or answered" (the article's "141 demands collected,
 * more than 50 solved or answered"): a repair, or an explanation the resident was given.
 */
export const SOLVED_OR_ANSWERED: readonly CaseOutcome[] = ['solved', 'explained'];

/**
 * Whether a resolution with this outcome must say why in its note: the note is the explanation the resident
 * reads, and "not substantiated" or "not ours" with no word of why (or of whom to ask) leaves them nowhere.
 */
export function needsExplanation(outcome: CaseOutcome): boolean {
  return outcome !== 'solved';
}

/** Each outcome in plain words, as residents read it in messages and pages. */
export const OUTCOME_NAMES: Readonly<Record<'zh' | 'en', Readonly<Record<CaseOutcome, string>>>> = {
  zh: {
    solved: '已解决',
    explained: '已解释说明',
    unsubstantiated: '经核查不属实',
    out_of_remit: '不属于受理范围',
  },
  en: {
    solved: 'Solved',
    explained: 'Answered with an explanation',
    unsubstantiated: 'Not substantiated on inspection',
    out_of_remit: 'Outside our remit',
  },
};
