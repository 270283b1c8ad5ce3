import { describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics';
import { operationalRoutes } from './health';

type State = 'starting' | 'running' | 'stopping';

function given(options: { state: State; database: boolean }) {
  return operationalRoutes({ service: 'test', metrics: createMetrics(`health-${options.state}`), state: () => options.state, checks: { database: async () => options.database } });
}

describe('GET /ready', () => {
  it('answers 200 only while running with every dependency up', async () => {
    const response = await given({ state: 'running', database: true }).request('/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'up', checks: { database: 'up' } });
  });

  it.each(['starting', 'stopping'] as const)('answers 503 while %s, whatever the dependencies say', async (state) => {
    const response = await given({ state, database: true }).request('/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'down', checks: { process: state } });
  });

  it('names the dependency that is down', async () => {
    const response = await given({ state: 'running', database: false }).request('/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'down', checks: { database: 'down' } });
  });

  it('keeps /live up while stopping: the process still answers', async () => {
    expect((await given({ state: 'stopping', database: false }).request('/live')).status).toBe(200);
  });
});
