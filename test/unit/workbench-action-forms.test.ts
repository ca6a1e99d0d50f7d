// The workbench's action forms without a browser: which actions a case offers, and that every form asks for
// exactly the fields the API's body schema takes.
import { describe, expect, it } from 'vitest';
import { DEPARTMENT_WORKBENCH_ACTIONS, WORKBENCH_ACTIONS } from '#domain/workbench-actions.ts';
import { applicableActions, caseDetailOf, FORMS } from '#http/pages/scripts/workbench-action-forms.ts';
import { workbenchActionBody } from '#http/workbench-action-schemas.ts';

describe('the workbench action forms', () => {
  it('offer the answer to a pending request first, supervision only for a held case, and nothing once resolved', () => {
    // Act
    const offered = {
      assigned: applicableActions({ id: 'a', version: 3, status: 'assigned' }),
      held: applicableActions({ id: 'a', version: 3, status: 'in_progress' }),
      deferral: applicableActions({
        id: 'a',
        version: 3,
        status: 'in_progress',
        request: { kind: 'defer', status: 'pending' },
      }),
      appeal: applicableActions({
        id: 'a',
        version: 3,
        status: 'assigned',
        request: { kind: 'appeal', status: 'pending' },
      }),
      answered: applicableActions({
        id: 'a',
        version: 3,
        status: 'assigned',
        request: { kind: 'pause', status: 'refused' },
      }),
      resolved: applicableActions({ id: 'a', version: 3, status: 'resolved' }),
    };

    // Assess
    expect(offered).toEqual({
      assigned: ['take_over', 'reassign', 'transfer', 'merge'],
      held: ['supervise', 'take_over', 'reassign', 'transfer', 'merge'],
      deferral: ['decide_change', 'supervise', 'take_over', 'reassign', 'transfer', 'merge'],
      appeal: ['decide_appeal', 'take_over', 'reassign', 'transfer', 'merge'],
      answered: ['take_over', 'reassign', 'transfer', 'merge'],
      resolved: [],
    });
  });

  it('offer a department’s supervisor only the actions the case page says its unit may take', () => {
    // Act
    const detail = caseDetailOf({
      case: { id: 'a', status: 'in_progress', level: 'grid', request: { kind: 'defer', status: 'pending' } },
      version: 4,
      actions: DEPARTMENT_WORKBENCH_ACTIONS,
    });

    // Assess
    expect(applicableActions(detail)).toEqual(['supervise', 'take_over']);
    expect(applicableActions({ ...detail, status: 'assigned' })).toEqual(['take_over']);
  });

  it('ask for the fields the API takes for each action, and require those it requires', () => {
    for (const action of WORKBENCH_ACTIONS) {
      // Prepare
      const option = workbenchActionBody.options.find((candidate) => candidate.shape.action.value === action);
      const shape = option?.shape ?? {};
      const fields = Object.keys(shape).filter((name) => name !== 'action' && name !== 'version');

      // Act
      const form = FORMS[action];

      // Assess
      expect(form.map((spec) => spec.name).sort(), action).toEqual(fields.sort());
      for (const spec of form) {
        const optional = (shape as Record<string, { safeParse(value: unknown): { success: boolean } }>)[
          spec.name
        ]?.safeParse(undefined).success;
        expect(Boolean(spec.required), `${action}.${spec.name}`).toBe(!optional);
      }
    }
  });

  it('read the case page’s JSON: the case’s own fields and the page’s version', () => {
    // Act
    const detail = caseDetailOf({
      case: {
        id: 'gw-1',
        status: 'in_progress',
        level: 'grid',
        request: { kind: 'appeal', status: 'pending' },
      },
      version: 7,
    });

    // Assess
    expect(detail).toEqual({
      id: 'gw-1',
      version: 7,
      status: 'in_progress',
      level: 'grid',
      request: { kind: 'appeal', status: 'pending' },
    });
    expect(applicableActions(detail)[0]).toBe('decide_appeal');
  });
});
