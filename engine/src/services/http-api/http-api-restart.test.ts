import { describe, expect, it } from 'vitest';
import { RealClock } from '../../runtime/clock.ts';
import { deployApi, makeHarness, send } from './harness.fixture.ts';

describe('HTTP API persistence', () => {
  it('keeps APIs, routes and the port across a restart', async () => {
    // Prepare
    const first = makeHarness(new RealClock());
    const { apiId, endpoint } = await deployApi(first.service, { routeKeys: ['GET /items'] });
    await first.service.close();

    // Act
    const second = makeHarness(new RealClock(), first.dataDir);
    await second.service.start();
    const reply = await send(`${endpoint}/items`);

    // Assess
    expect(second.service.getEndpoint(apiId)).toBe(endpoint);
    expect(second.service.getApi(apiId).Name).toBe('capture-api');
    expect(reply.status).toBe(200);
    expect(second.lambda.calls).toHaveLength(1);
    await second.cleanup();
  });
});
