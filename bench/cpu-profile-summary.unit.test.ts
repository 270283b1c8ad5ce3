import { describe, expect, it } from 'vitest';
import { summarizeProfile } from './cpu-profile-summary';
import { machineBusyCpuSeconds, processCpuSeconds } from './process-cpu';

describe('summarizeProfile', () => {
  it('adds up self time per frame and per owner, the largest first', () => {
    const frame = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url, lineNumber: 9 } });
    const summary = summarizeProfile({
      nodes: [frame(1, '(garbage collector)', ''), frame(2, 'parse', 'file:///x/node_modules/postgres/src/types.js'), frame(3, 'handle', 'file:///x/dist/task/function.mjs'), frame(4, 'write', 'node:net')],
      samples: [2, 2, 3, 1, 2, 4],
      timeDeltas: [1000, 1000, 500, 250, 1000, 100],
    });
    expect(summary.totalMs).toBeCloseTo(3.85);
    expect(summary.frames[0]).toEqual({ frame: 'parse node_modules/postgres/src/types.js:10', ms: 3 });
    expect(summary.owners.map((o) => o.owner)).toEqual(['postgres', 'dist/task (bundle)', '(V8: GC, idle, program)', 'node internals']);
  });
});

describe('CPU time from /proc', () => {
  it('grows for this process as it computes, and is 0 for a process that is gone', () => {
    const before = processCpuSeconds(process.pid);
    const machineBefore = machineBusyCpuSeconds();
    const until = performance.now() + 80;
    while (performance.now() < until);
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(before);
    expect(machineBusyCpuSeconds()).toBeGreaterThan(machineBefore);
    expect(processCpuSeconds(2 ** 22 + 1)).toBe(0);
  });
});
