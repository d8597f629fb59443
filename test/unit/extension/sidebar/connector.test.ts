import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createSidebarConnector } from '../../../../extension/sidebar/connector';
import type { SidebarPortMessage } from '../../../../src/protocol/sidebar-port';
import { sidebarPortName } from '../../../../src/protocol/sidebar-token';

const runtime = vi.hoisted(() => ({ sendMessage: vi.fn(), connect: vi.fn() }));
vi.mock('../../../../extension/shared/native-runtime', () => ({ extensionApi: { runtime } }));

const TOKEN = 'abcdefghijklmnopqrstuv';

/** A port as runtime.connect gives it: what the background posts reaches its listeners. */
function fakePort() {
  const listeners: ((message: unknown) => void)[] = [];
  const port = { onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) }, disconnect: vi.fn() };
  runtime.connect.mockReturnValue(port);
  return { port, post: (message: unknown) => listeners.forEach((listener) => listener(message)) };
}

beforeEach(() => {
  runtime.sendMessage.mockReset();
  runtime.connect.mockReset();
});

describe('sidebar connector', () => {
  test("the background's answer is used only once its guard accepts it, and the message carries the token", async () => {
    const connector = createSidebarConnector(TOKEN);
    runtime.sendMessage.mockResolvedValueOnce(true);
    await expect(connector.cancelCapture()).resolves.toBe(true);
    expect(runtime.sendMessage).toHaveBeenCalledWith({ type: 'screenshot/cancel', token: TOKEN });
    runtime.sendMessage.mockResolvedValueOnce('yes');
    await expect(connector.cancelCapture()).rejects.toThrow('unexpected answer to screenshot/cancel');
  });

  test("the port's messages reach the sidebar checked and in order; none once it stops watching", async () => {
    const { port, post } = fakePort();
    const changes: SidebarPortMessage[] = [];
    const stop = createSidebarConnector(TOKEN).watchTab((change) => changes.push(change));
    expect(runtime.connect).toHaveBeenCalledWith({ name: sidebarPortName(TOKEN) });
    post({ type: 'trail/changed', trail: [] });
    post({ type: 'trail/changed', trail: 'not a trail' });
    post({ type: 'diagnostics/changed', diagnostics: [] });
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    expect(changes).toEqual([
      { type: 'trail/changed', trail: [] },
      { type: 'diagnostics/changed', diagnostics: [] },
    ]);
    post({ type: 'trail/changed', trail: [] });
    stop();
    expect(port.disconnect).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(changes).toHaveLength(2);
  });

  test('Cancel pressed while the whole-page receiver is still loading: the capture never starts, and says it was cancelled', async () => {
    const connector = createSidebarConnector(TOKEN);
    const capture = connector.captureWholePage();
    await expect(connector.cancelCapture()).resolves.toBe(true);
    await expect(capture).resolves.toMatchObject({ status: 'failed', reason: 'cancelled' });
    // The background never heard of it: no capture asked, no cancel needed.
    expect(runtime.sendMessage).not.toHaveBeenCalled();
  });
});
