import { describe, expect, it } from 'vitest';
import { exportQuery, listQuery } from '#http/pages/scripts/workbench-query.ts';

const empty = { q: '', status: '', level: '', category: '', overdue: '', from: '', to: '' };

describe('listQuery', () => {
  it('reads the search box as a case number, upper-cased, and leaves the filters out', () => {
    // Act
    const query = listQuery({ ...empty, q: ' ls-20261130-0042 ', status: 'closed' });

    // Assess
    expect(query.toString()).toBe('number=LS-20261130-0042');
  });

  it('reads digits as a phone number', () => {
    expect(listQuery({ ...empty, q: '+86 138-1234-5678' }).get('phone')).toBe('+86 138-1234-5678');
  });

  it('reads anything else as part of an address, beside the filters that are set', () => {
    // Act
    const query = listQuery({
      ...empty,
      q: '建设路',
      category: 'sanitation',
      overdue: 'true',
      from: '2026-11-01',
    });

    // Assess
    expect(Object.fromEntries(query)).toEqual({
      address: '建设路',
      category: 'sanitation',
      overdue: 'true',
      from: '2026-11-01',
    });
  });
});

describe('exportQuery', () => {
  it('keeps the filters and drops the search by number or phone and the paging', () => {
    // Act
    const query = exportQuery(
      new URLSearchParams('status=closed&phone=13812345678&after=abc&limit=5&address=路'),
    );

    // Assess
    expect(Object.fromEntries(query)).toEqual({ status: 'closed', address: '路' });
  });
});
