import type { MetricDatum } from '../cloudwatch/metric-sink.ts';

/**
 * The AWS/ApiGateway metrics an HTTP API publishes per request: Count, 4xx and 5xx (0 or 1, so
 * Average is a rate), Latency, IntegrationLatency (when an integration ran) and DataProcessed,
 * each for {ApiId} and {ApiId, Stage}, plus {ApiId, Method, Resource, Stage} when the route has
 * DetailedMetricsEnabled.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 */
export interface RequestMetrics {
  readonly apiId: string;
  readonly stage?: string;
  readonly method: string;
  /** The matched route's path template (or `$default`) for detailed metrics. */
  readonly resource?: string;
  readonly detailed: boolean;
  readonly statusCode: number;
  readonly latencyMs: number;
  readonly integrationLatencyMs?: number;
  readonly dataProcessedBytes: number;
  readonly timestamp: number;
}

export const gatewayMetrics = (m: RequestMetrics): MetricDatum[] => {
  const dimensionSets: Array<Record<string, string>> = [{ ApiId: m.apiId }];
  if (m.stage !== undefined) {
    dimensionSets.push({ ApiId: m.apiId, Stage: m.stage });
    if (m.detailed && m.resource !== undefined) {
      dimensionSets.push({ ApiId: m.apiId, Method: m.method, Resource: m.resource, Stage: m.stage });
    }
  }
  const values: Array<[string, number, string]> = [
    ['Count', 1, 'Count'],
    ['4xx', m.statusCode >= 400 && m.statusCode < 500 ? 1 : 0, 'Count'],
    ['5xx', m.statusCode >= 500 ? 1 : 0, 'Count'],
    ['Latency', m.latencyMs, 'Milliseconds'],
    ['DataProcessed', m.dataProcessedBytes, 'Bytes'],
  ];
  if (m.integrationLatencyMs !== undefined)
    values.push(['IntegrationLatency', m.integrationLatencyMs, 'Milliseconds']);
  return dimensionSets.flatMap((dimensions) =>
    values.map(([metricName, value, unit]) => ({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensions,
      value,
      unit,
      timestamp: m.timestamp,
    })),
  );
};
