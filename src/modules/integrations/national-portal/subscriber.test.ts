// Which events go to the national portal: status changes of real dossiers received here.
import { describe, expect, it } from 'vitest';
import { wantsEvent } from './subscriber.js';
import type { OutboxEvent } from '../../outbox/types.js';

const event = (over: Partial<OutboxEvent> & { payload?: Record<string, unknown> } = {}): OutboxEvent => ({
  id: 1,
  topic: 'dossier.status_changed',
  dossierId: 7,
  createdAt: new Date('2026-11-23T02:00:00Z'),
  ...over,
  payload: { code: '000.00.34.H46-261123-0001', action: 'receive', status: 'received', nationalStatus: 2, practice: false, source: null, ...over.payload },
});

describe('national portal subscriber: which events it wants', () => {
  it.each([
    ['a status change of a dossier received here', event(), true],
    ['one that came from the national portal itself (its status still goes back)', event({ payload: { source: 'national_portal' } }), true],
    ['a practice dossier', event({ payload: { practice: true } }), false],
    ['a dossier another MotCua transferred to us (the origin syncs it)', event({ payload: { source: 'federation' } }), false],
    ['another topic', event({ topic: 'dossier.rated' }), false],
    ['an event without a dossier', event({ dossierId: null }), false],
  ])('%s → %s', (_name, e, wanted) => {
    expect(wantsEvent(e)).toBe(wanted);
  });
});
