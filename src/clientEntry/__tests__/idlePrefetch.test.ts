// @vitest-environment jsdom
import {afterEach, describe, expect, it, vi} from 'vitest';
import {prefetchWhenIdle} from '../idlePrefetch';

/** Idle callbacks held until the test says the browser is idle. */
function holdIdleCallbacks(): () => boolean {
  const pending: IdleRequestCallback[] = [];
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => pending.push(callback));
  return function idleOnce(): boolean {
    const next = pending.shift();
    next?.({didTimeout: false, timeRemaining: () => 10});
    return next !== undefined;
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('prefetching links when the browser is idle', () => {
  it('asks nothing of the network while the page is busy, then one route per idle period, in the order asked', async () => {
    const idleOnce = holdIdleCallbacks();
    const prefetched: string[] = [];
    const client = {prefetch: (route: string) => (prefetched.push(route), Promise.resolve(route))};
    prefetchWhenIdle(client);

    const first = client.prefetch('/a/');
    const second = client.prefetch('/b/');
    client.prefetch('/a/');
    expect(prefetched).toEqual([]);

    expect(idleOnce()).toBe(true);
    expect(prefetched).toEqual(['/a/']);
    await expect(first).resolves.toBe('/a/');
    expect(idleOnce()).toBe(true);
    expect(idleOnce()).toBe(true);
    // Docusaurus's own prefetch decides what a repeated route costs (nothing); the queue passes every call on.
    expect(prefetched).toEqual(['/a/', '/b/', '/a/']);
    await expect(second).resolves.toBe('/b/');
    expect(idleOnce()).toBe(false);
  });

  it("resolves with what Docusaurus's prefetch returned, including false for a route it will not fetch", async () => {
    const idleOnce = holdIdleCallbacks();
    const client = {prefetch: (route: string): false => (void route, false)};
    prefetchWhenIdle(client);
    const asked = client.prefetch('/slow-connection/');
    idleOnce();
    await expect(asked).resolves.toBe(false);
  });

  it('falls back to a timer where the browser has no idle callbacks', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const prefetched: string[] = [];
    const client = {prefetch: (route: string) => (prefetched.push(route), Promise.resolve(true))};
    prefetchWhenIdle(client);
    void client.prefetch('/c/');
    expect(prefetched).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(prefetched).toEqual(['/c/']);
    vi.useRealTimers();
  });
});
