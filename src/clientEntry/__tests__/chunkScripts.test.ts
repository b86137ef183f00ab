import {describe, expect, it} from 'vitest';
import {inNextTask} from '../../utils/scheduling';
import {addChunkScriptsOnePerTask, type ChunkRuntime, type LoadScript} from '../chunkScripts';

/** Resolves after `count` more tasks have run, posted the way the scheduling helper posts them. */
async function tasks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => inNextTask(resolve));
}

describe("adding the route's chunk scripts one per task", () => {
  it('adds none while the caller runs, then each later, in the order asked and with what the runtime passed', async () => {
    const added: Parameters<LoadScript>[] = [];
    const runtime: ChunkRuntime = {l: (...args) => void added.push(args)};
    addChunkScriptsOnePerTask(runtime);
    const done = (): void => undefined;

    runtime.l('/assets/js/a.js', done, 'chunk-a', 'a');
    runtime.l('/assets/js/b.js', done, 'chunk-b', 17);
    runtime.l('/assets/js/c.js', done);
    // The runtime has marked the chunks as loading; their scripts wait for tasks of their own.
    expect(added).toEqual([]);

    await tasks(3);
    expect(added).toEqual([
      ['/assets/js/a.js', done, 'chunk-a', 'a'],
      ['/assets/js/b.js', done, 'chunk-b', 17],
      ['/assets/js/c.js', done, undefined, undefined],
    ]);
  });

  it('runs each in a task of its own, so one long list of chunks is never one long task', () => {
    const queued: (() => void)[] = [];
    const added: string[] = [];
    const runtime: ChunkRuntime = {l: (url) => void added.push(url)};
    addChunkScriptsOnePerTask(runtime, (step) => void queued.push(step));
    for (const url of ['a', 'b', 'c']) runtime.l(url, () => undefined);
    expect(queued).toHaveLength(3);
    // Each queued task adds exactly one script.
    for (const [index, step] of queued.entries()) {
      step();
      expect(added).toHaveLength(index + 1);
    }
    expect(added).toEqual(['a', 'b', 'c']);
  });
});
