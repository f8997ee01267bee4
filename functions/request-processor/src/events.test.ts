import { describe, expect, it } from 'vitest';
import { apiEvent, scheduledEvent } from './events.fixture.ts';
import { isApiEvent, isScheduledEvent } from './events.ts';

describe('event recognition', () => {
  it.each<[string, unknown, boolean, boolean]>([
    ['HTTP API 2.0 event', apiEvent(), true, false],
    ['scheduled event', scheduledEvent(), false, true],
    [
      'REST API 1.0 event',
      { version: '1.0', requestContext: { requestId: 'r', httpMethod: 'GET' } },
      false,
      false,
    ],
    [
      'custom EventBridge event',
      { ...scheduledEvent(), 'detail-type': 'Order Placed', source: 'shop' },
      false,
      false,
    ],
    ['SQS batch', { Records: [] }, false, false],
    ['null', null, false, false],
    ['string', 'hello', false, false],
  ])('%s -> api %s, scheduled %s', (_label, event, api, scheduled) => {
    expect(isApiEvent(event)).toBe(api);
    expect(isScheduledEvent(event)).toBe(scheduled);
  });
});
