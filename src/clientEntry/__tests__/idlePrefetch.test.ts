// @vitest-environment jsdom
import {afterEach, describe, expect, it, vi} from 'vitest';
import {prefetchWhenIdle, type DocusaurusClient} from '../idlePrefetch';

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

/** A client frozen as Docusaurus freezes its own, recording which routes it was asked to fetch. */
function recordingClient(answer: (route: string) => false | Promise<unknown> = (route) => Promise.resolve(route)) {
  const prefetched: string[] = [];
  const preloaded: string[] = [];
  const client: DocusaurusClient = Object.freeze({
    prefetch: (route: string) => (prefetched.push(route), answer(route)),
    preload: (route: string) => (preloaded.push(route), Promise.resolve(route)),
  });
  return {client, prefetched, preloaded};
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('prefetching links when the browser is idle', () => {
  it('asks nothing of the network while the page is busy, then one route per idle period, in the order asked', async () => {
    const idleOnce = holdIdleCallbacks();
    const {client, prefetched} = recordingClient();
    const queued = prefetchWhenIdle(client);

    const first = queued.prefetch('/a/');
    const second = queued.prefetch('/b/');
    void queued.prefetch('/a/');
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

  it("leaves Docusaurus's frozen client as it is and returns a frozen one whose preload (a hover) is not delayed", () => {
    holdIdleCallbacks();
    const {client, preloaded} = recordingClient();
    const queued = prefetchWhenIdle(client);
    expect(queued).not.toBe(client);
    expect(Object.isFrozen(queued)).toBe(true);
    void queued.preload('/c/');
    expect(preloaded).toEqual(['/c/']);
  });

  it("resolves with what Docusaurus's prefetch returned, including false for a route it will not fetch", async () => {
    const idleOnce = holdIdleCallbacks();
    const {client} = recordingClient(() => false);
    const asked = prefetchWhenIdle(client).prefetch('/slow-connection/');
    idleOnce();
    await expect(asked).resolves.toBe(false);
  });

  it('falls back to a timer where the browser has no idle callbacks', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const {client, prefetched} = recordingClient();
    void prefetchWhenIdle(client).prefetch('/c/');
    expect(prefetched).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(prefetched).toEqual(['/c/']);
  });
});
