import { describe, expect, it } from 'vitest';
import { issueOfItem, PACKED_ATTRIBUTE, PLAIN_ATTRIBUTE, packIssue } from '#adapters/dynamodb/issue-item.ts';
import { recordRating, whatFollowsRating } from '#domain/rating-transitions.ts';
import { at, reportedIssue, resolveAt } from './fixtures.ts';

/** A case that went round twice: resolved at grid level, reworked after a bad rating, resolved by the community. */
function longCase() {
  const first = resolveAt(reportedIssue(), 'grid', 2);
  const rated = recordRating(first, { score: 1, comment: '水管还在漏', now: at(60) });
  const reworked = whatFollowsRating(rated, at(61)).issue;
  return resolveAt(reworked, 'community', 70);
}

describe('the packed issue document', () => {
  it('reads back exactly the issue it packed, from bytes and from a stream event’s base64', () => {
    // Prepare
    const issue = longCase();

    // Act
    const packed = packIssue(issue);

    // Assess
    expect(issueOfItem({ [PACKED_ATTRIBUTE]: packed })).toEqual(issue);
    expect(issueOfItem({ [PACKED_ATTRIBUTE]: Buffer.from(packed).toString('base64') })).toEqual(issue);
  });

  it('keeps a long case well under the 1 KB that one write unit covers', () => {
    // Prepare
    const issue = longCase();
    const plainBytes = Buffer.byteLength(JSON.stringify(issue));

    // Act
    const packed = packIssue(issue);

    // Assess: the keys, index keys, version and token take about 350 bytes of the item besides.
    expect(plainBytes).toBeGreaterThan(1024);
    expect(packed.length).toBeLessThan(600);
  });

  it('reads a case stored before packing, and no issue from an item that holds none', () => {
    // Prepare
    const issue = reportedIssue();

    // Act
    const plain = issueOfItem({ pk: 'ISSUE#x', [PLAIN_ATTRIBUTE]: issue });

    // Assess
    expect(plain).toEqual(issue);
    expect(issueOfItem({ pk: 'STATS#grid#g-1', received: 3 })).toBeUndefined();
    expect(issueOfItem(undefined)).toBeUndefined();
  });

  it('refuses bytes of a format it does not know rather than guess', () => {
    // Prepare
    const packed = packIssue(reportedIssue());
    packed[0] = 9;

    // Act / Assess
    expect(() => issueOfItem({ [PACKED_ATTRIBUTE]: packed })).toThrow('Unknown packed issue format 9');
  });
});
