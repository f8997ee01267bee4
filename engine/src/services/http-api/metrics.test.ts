import { describe, expect, it } from 'vitest';
import { gatewayMetrics, type RequestMetrics } from './metrics.ts';

const base: RequestMetrics = {
  apiId: 'a1',
  stage: '$default',
  method: 'POST',
  resource: '/capture',
  detailed: false,
  statusCode: 200,
  latencyMs: 12,
  integrationLatencyMs: 10,
  dataProcessedBytes: 100,
  timestamp: 0,
};

const value = (m: RequestMetrics, name: string) =>
  gatewayMetrics(m).find((d) => d.metricName === name && Object.keys(d.dimensions).length === 2)?.value;

describe('gatewayMetrics', () => {
  it.each([
    [200, 0, 0],
    [404, 1, 0],
    [429, 1, 0],
    [500, 0, 1],
    [503, 0, 1],
  ])('status %s counts 4xx=%s 5xx=%s', (statusCode, fourxx, fivexx) => {
    const m = { ...base, statusCode };
    expect(value(m, '4xx')).toBe(fourxx);
    expect(value(m, '5xx')).toBe(fivexx);
    expect(value(m, 'Count')).toBe(1);
  });

  it.each([
    ['stage and API', base, 2],
    ['API only without a stage', { ...base, stage: undefined }, 1],
    ['detailed routes', { ...base, detailed: true }, 3],
  ])('emits one set per dimension set: %s', (_name, m, sets) => {
    const count = gatewayMetrics(m).filter((d) => d.metricName === 'Count');
    expect(count).toHaveLength(sets);
  });

  it('omits IntegrationLatency when no integration ran', () => {
    const names = gatewayMetrics({ ...base, integrationLatencyMs: undefined }).map((d) => d.metricName);
    expect(names).not.toContain('IntegrationLatency');
    expect(names).toContain('Latency');
  });
});
