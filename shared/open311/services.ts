// The Open311 face of the categories: each category is a service, with the keywords, group, notice and
// attributes Open311 clients show. The categories themselves come from the Categories port.

import { parseIsoDuration } from '#contract/template.ts';
import type { Category } from '#domain/categories.ts';
import type { Record311 } from './format.ts';

export type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** A question a category asks beyond the description (an Open311 service attribute). */
export interface Attribute {
  readonly code: string;
  readonly datatype: Datatype;
  readonly required: boolean;
  readonly description: string;
  readonly values?: readonly { readonly key: string; readonly name: string }[];
}

interface ServiceExtras {
  readonly group: string;
  readonly keywords: readonly string[];
  readonly attributes?: readonly Attribute[];
}

const YES_NO = [
  { key: 'yes', name: '是 Yes' },
  { key: 'no', name: '否 No' },
];

// What Open311 adds to a category. A category missing here is still a service, in the group `other`.
const EXTRAS: Readonly<Record<string, ServiceExtras>> = {
  water_supply: {
    group: 'water',
    keywords: ['停水', '水压', '自来水', 'water cut', 'no water', 'water pressure'],
    attributes: [
      {
        code: 'households',
        datatype: 'number',
        required: false,
        description: '受影响户数 How many households are without water?',
      },
      {
        code: 'vulnerable',
        datatype: 'singlevaluelist',
        required: false,
        description: '是否涉及老人或残障住户 Are elderly or disabled residents affected?',
        values: YES_NO,
      },
    ],
  },
  drainage: { group: 'water', keywords: ['下水道', '堵塞', '污水', 'sewer', 'blocked drain', 'flooding'] },
  sanitation: { group: 'environment', keywords: ['垃圾', '卫生', 'rubbish', 'litter', 'cleaning'] },
  public_facilities: {
    group: 'facilities',
    keywords: ['路灯', '电梯', '设施', 'street light', 'lift', 'broken facility'],
  },
  neighbour_dispute: { group: 'community', keywords: ['邻里', '纠纷', '噪音', 'noise', 'dispute'] },
  safety_hazard: {
    group: 'safety',
    keywords: ['安全', '隐患', '燃气', 'gas leak', 'hazard', 'danger'],
    attributes: [
      {
        code: 'hazard',
        datatype: 'singlevaluelist',
        required: true,
        description: '隐患类型 What kind of hazard is it?',
        values: [
          { key: 'gas', name: '燃气 Gas' },
          { key: 'electrical', name: '电气 Electrical' },
          { key: 'structural', name: '房屋结构 Structural' },
          { key: 'fire', name: '消防 Fire' },
          { key: 'other', name: '其他 Other' },
        ],
      },
    ],
  },
  help_request: { group: 'community', keywords: ['求助', '帮助', 'help', 'assistance'] },
  other: { group: 'other', keywords: ['其他', 'other'] },
};

/**
 * The categories residents may report. Every Open311 route reads them through here and nowhere else, so they
 * can move into registry data without touching the routes.
 */
function extrasOf(code: string): ServiceExtras {
  return EXTRAS[code] ?? { group: 'other', keywords: [] };
}

/** The questions a category asks beyond the description, in the order clients show them. */
export function attributesOf(code: string): readonly Attribute[] {
  return extrasOf(code).attributes ?? [];
}

function durationText(iso: string): string {
  const parts = parseIsoDuration(iso);
  if (!parts) return iso;
  const units: [number, string][] = [
    [parts.weeks * 7 + parts.days, 'day'],
    [parts.hours, 'hour'],
    [parts.minutes, 'minute'],
  ];
  return units
    .filter(([count]) => count > 0)
    .map(([count, unit]) => `${count} ${unit}${count === 1 ? '' : 's'}`)
    .join(' ');
}

/** What happens to a report of this category: its deadlines, in words (Open311's `service_notice`). */
export function serviceNotice(category: Category): string {
  return (
    `A grid worker accepts it within ${durationText(category.deadlines.accept)} and resolves it within ` +
    `${durationText(category.deadlines.resolve)}; a missed deadline escalates it to the community.`
  );
}

/** A category as an entry of GET services. */
export function serviceOf(category: Category): Record311 {
  const extras = extrasOf(category.code);
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.nameEn,
    metadata: (extras.attributes ?? []).length > 0,
    type: 'realtime',
    keywords: [category.name, category.nameEn, ...extras.keywords].join(', '),
    group: extras.group,
  };
}

/** A category's service definition: its attributes, numbered in order. */
export function serviceDefinitionOf(category: Category): Record311 {
  return {
    service_code: category.code,
    attributes: attributesOf(category.code).map((attribute, index) => ({
      variable: true,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.required,
      datatype_description: null,
      order: index + 1,
      description: attribute.description,
      values: (attribute.values ?? []).map((value) => ({ key: value.key, name: value.name })),
    })),
  };
}
