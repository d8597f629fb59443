import { describe, expect, test, vi } from 'vitest';
import type { StatusResult } from '../../../src/channels/backend';
import { refreshCandidates, refreshStatuses, shownStatus } from '../../../src/channels/status-refresh';
import type { HistoryEntry } from '../../../src/store/records';

function entry(id: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    sentAt: Number(id.replace(/\D/g, '')) || 0,
    channel: 'backend',
    route: 'support',
    status: 'received',
    title: `Demande ${id}`,
    serverId: `server-${id}`,
    reference: `CPH-2026-00000${id.replace(/\D/g, '')}`,
    request: { idempotencyKey: 'k', payload: '{}', attachments: [] },
    ...overrides,
  };
}

const answer = (status: string): StatusResult => ({ ok: true, request: { id: 'x', reference: 'CPH', status, updatedAt: '2026-11-27T14:00:00Z' } });

describe('History statuses from the backend', () => {
  test('asks only about backend requests the server knows and has not closed, newest first, at most the limit', () => {
    const entries = [
      entry('r1'),
      entry('r2', { channel: 'portal', serverId: undefined, status: 'handedToPortal' }),
      entry('r3', { status: 'closed' }),
      entry('r4', { serverId: undefined }),
      entry('r5'),
      entry('r6'),
    ];
    expect(refreshCandidates(entries).map((found) => found.id)).toEqual(['r6', 'r5', 'r1']);
    expect(refreshCandidates(entries, 2).map((found) => found.id)).toEqual(['r6', 'r5']);
  });

  test('returns the statuses that changed; failures and errors are ignored quietly', async () => {
    const fetchStatus = vi.fn(async (serverId: string): Promise<StatusResult> => {
      if (serverId === 'server-r1') return answer('in_progress');
      if (serverId === 'server-r2') return answer('received');
      if (serverId === 'server-r3') return { ok: false, retryable: true, error: { kind: 'offline' } };
      throw new Error('unexpected');
    });
    const changes = await refreshStatuses([entry('r1'), entry('r2'), entry('r3'), entry('r4')], fetchStatus);
    expect(changes).toEqual([{ id: 'r1', status: 'in_progress' }]);
    expect(fetchStatus).toHaveBeenCalledTimes(4);
  });

  test('a few at a time, never more', async () => {
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const fetchStatus = (): Promise<StatusResult> => {
      running++;
      most = Math.max(most, running);
      return new Promise((resolve) =>
        releases.push(() => {
          running--;
          resolve(answer('resolved'));
        }),
      );
    };
    const refreshing = refreshStatuses(Array.from({ length: 10 }, (_, index) => entry(`r${index + 1}`)), fetchStatus, { concurrency: 3 });
    while (releases.length > 0 || running > 0) {
      await Promise.resolve();
      releases.shift()?.();
    }
    expect((await refreshing).map((change) => change.status)).toEqual(Array(10).fill('resolved'));
    expect(most).toBe(3);
  });

  test('shows "forwarded" once the server passed a received request on to the helpdesk, the agents\' status after', async () => {
    const request = { id: 'x', reference: 'CPH', updatedAt: '2026-11-27T14:00:00Z' };
    expect(shownStatus({ ...request, status: 'received' })).toBe('received');
    expect(shownStatus({ ...request, status: 'received', forwarding: 'pending' })).toBe('received');
    expect(shownStatus({ ...request, status: 'received', forwarding: 'failed' })).toBe('received');
    expect(shownStatus({ ...request, status: 'received', forwarding: 'delivered' })).toBe('forwarded');
    expect(shownStatus({ ...request, status: 'in_progress', forwarding: 'delivered' })).toBe('in_progress');

    const forwarded: StatusResult = { ok: true, request: { ...request, status: 'received', forwarding: 'delivered' } };
    expect(await refreshStatuses([entry('r1'), entry('r2', { status: 'forwarded' })], async () => forwarded)).toEqual([{ id: 'r1', status: 'forwarded' }]);
  });
});
