import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Level } from '#domain/hierarchy.ts';

export type Lang = 'zh' | 'en';

/** Chinese first; `?lang=en` switches a page to English (a link, so it works without scripts). */
export function langOf(event: Pick<APIGatewayProxyEventV2, 'queryStringParameters'>): Lang {
  return event.queryStringParameters?.lang === 'en' ? 'en' : 'zh';
}

/** The same path in the other language. */
export function switchHref(path: string, lang: Lang): string {
  return lang === 'zh' ? `${path}?lang=en` : path;
}

/** `?lang=en` to carry the choice on to the next page, or nothing for Chinese. */
export function langQuery(lang: Lang): string {
  return lang === 'en' ? '?lang=en' : '';
}

/** A level's name inside a sentence ("escalated to the community"). */
export const LEVEL_NAMES = {
  zh: { grid: '网格', community: '社区', street: '街道', district: '区' },
  en: { grid: 'grid', community: 'community', street: 'street office', district: 'district' },
} as const;

const capitalised = (names: Readonly<Record<Level, string>>) =>
  Object.fromEntries(
    Object.entries(names).map(([level, name]) => [level, name.charAt(0).toUpperCase() + name.slice(1)]),
  ) as Record<Level, string>;

/** A level's name standing alone (a table cell, a heading): "Grid", not "grid". */
export const LEVEL_TITLES: Record<Lang, Readonly<Record<Level, string>>> = {
  zh: LEVEL_NAMES.zh,
  en: capitalised(LEVEL_NAMES.en),
};

export const STATUS_NAMES = {
  zh: {
    submitted: '已受理',
    assigned: '已派遣',
    in_progress: '办理中',
    resolved: '已办结，待评价',
    closed: '已结案',
  },
  en: {
    submitted: 'Received',
    assigned: 'Assigned',
    in_progress: 'In progress',
    resolved: 'Resolved, awaiting your rating',
    closed: 'Closed',
  },
} as const;

/** Where a case came from, as the supervisors' pages name it. */
export const SOURCE_NAMES = {
  zh: {
    web: '居民网上反映',
    hotline: '12345 热线',
    on_behalf: '代为反映',
    patrol: '网格员巡查',
    open311: 'Open311 接入',
  },
  en: {
    web: 'Residents online',
    hotline: '12345 hotline',
    on_behalf: 'On behalf',
    patrol: 'Patrol',
    open311: 'Open311',
  },
} as const;
