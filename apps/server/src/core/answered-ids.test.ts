import { describe, expect, it } from 'vitest';
import { ANSWERED_IDS_KEPT, CoreSession } from './core-session.js';

describe('answered ids kept by a core session', () => {
  it('forgets the oldest first, once more than ANSWERED_IDS_KEPT were answered', () => {
    const session = new CoreSession({ id: 's', send: () => {} });
    for (let i = 0; i <= ANSWERED_IDS_KEPT * 2; i++) session.markAnswered(i);
    expect(session.wasAnswered(ANSWERED_IDS_KEPT)).toBe(false);
    expect(session.wasAnswered(ANSWERED_IDS_KEPT + 1)).toBe(true);
    expect(session.wasAnswered(ANSWERED_IDS_KEPT * 2)).toBe(true);
  });

  it('an id answered again keeps its first place (and is not counted twice)', () => {
    const session = new CoreSession({ id: 's', send: () => {} });
    session.markAnswered('first');
    for (let i = 1; i < ANSWERED_IDS_KEPT; i++) session.markAnswered(i);
    session.markAnswered('first');
    expect(session.wasAnswered(1)).toBe(true);
    session.markAnswered('next');
    expect(session.wasAnswered('first')).toBe(false);
    expect(session.wasAnswered(1)).toBe(true);
    expect(session.wasAnswered('next')).toBe(true);
  });
});
