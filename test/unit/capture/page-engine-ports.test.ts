import { describe, expect, test, vi } from 'vitest';
import { nextTask, pagePorts } from '../../../src/capture/page-engine-ports';

describe("the capture engine's ports in the page", () => {
  test('nextTask lets the event loop run: a message already queued is handled first', async () => {
    const order: string[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => order.push('queued message');
    channel.port2.postMessage(null);
    await nextTask();
    channel.port1.close();
    expect(order).toEqual(['queued message']);
  });

  test('after: calls back once the time is up, and not at all once stopped', () => {
    vi.useFakeTimers();
    try {
      const ports = pagePorts(window);
      const fired: string[] = [];
      ports.after(1_000, () => fired.push('kept'));
      const stop = ports.after(1_000, () => fired.push('stopped'));
      stop();
      vi.advanceTimersByTime(999);
      expect(fired).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(fired).toEqual(['kept']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('loadCopy: the SVG markup as the image drawn, percent-encoded in a data: URL', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>#1 & 2</text></svg>';
    const image = await pagePorts(window).loadCopy({ svg, background: '#ffffff', inlined: 0, missed: 0 });
    expect(image.src).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
  });
});
