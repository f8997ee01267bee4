/** Where services publish their own metrics (AWS/ApiGateway, AWS/Lambda); CloudWatch implements it. */
export interface MetricDatum {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly value: number;
  /** How many times `value` was observed (PutMetricData Values with Counts); 1 when absent. */
  readonly count?: number;
  readonly unit: string;
  readonly timestamp: number;
}

export interface MetricSink {
  putMetric(datum: MetricDatum): void;
}
