import { describe, expect, it } from 'vitest';
import { apiEvent, scheduledEvent } from './events.fixture.ts';
import { recordFromApiEvent, recordFromScheduledEvent } from './request-record.ts';

const T0 = Date.UTC(2026, 10, 25, 20, 31, 7, 123);

describe('recordFromApiEvent', () => {
  it('derives key, shard and expiry from the event, not the clock', () => {
    // Prepare
    const event = apiEvent({ requestId: 'JKJaXmPLvHcESHA=', timeEpoch: T0 });

    // Act
    const first = recordFromApiEvent(event, 7);
    const second = recordFromApiEvent(event, 7);

    // Assess
    expect(first).toEqual(second);
    expect(first.kind === 'record' && first.record.item).toMatchObject({
      RequestId: 'JKJaXmPLvHcESHA=',
      Timestamp: '2026-11-25T20:31:07.123Z',
      TimeShard: expect.stringMatching(/^2026-11-25#(0\d|1[0-5])$/),
      ExpiresAt: Math.floor(T0 / 1000) + 7 * 86_400,
    });
  });

  it.each([
    { name: 'broken JSON', body: '{', bytes: undefined, contentType: 'application/json', valid: false },
    {
      name: 'binary claiming JSON',
      body: undefined,
      bytes: [0xff],
      contentType: 'application/json',
      valid: false,
    },
    {
      name: 'broken +json',
      body: 'nope',
      bytes: undefined,
      contentType: 'application/ld+json',
      valid: false,
    },
    {
      name: 'broken JSON as text/plain',
      body: '{',
      bytes: undefined,
      contentType: 'text/plain',
      valid: true,
    },
    { name: 'valid JSON', body: '{"a":[1]}', bytes: undefined, contentType: 'application/json', valid: true },
    { name: 'empty JSON body', body: '', bytes: undefined, contentType: 'application/json', valid: true },
  ])('$name -> accepted: $valid', ({ body, bytes, contentType, valid }) => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      ...(body === undefined ? {} : { body }),
      ...(bytes === undefined ? {} : { bytes: Uint8Array.from(bytes) }),
      headers: { 'content-type': contentType },
    });

    // Act
    const result = recordFromApiEvent(event, 90);

    // Assess
    expect(result.kind).toBe(valid ? 'record' : 'invalid-json');
  });

  it('leaves out ContentType and Cookies when the request has none', () => {
    const result = recordFromApiEvent(apiEvent(), 90);
    expect(result.kind === 'record' && Object.keys(result.record.item)).not.toContain('ContentType');
    expect(result.kind === 'record' && Object.keys(result.record.item)).not.toContain('Cookies');
  });
});

describe('recordFromScheduledEvent', () => {
  it('uses the event id and its time with milliseconds', () => {
    // Act
    const record = recordFromScheduledEvent(scheduledEvent({ id: 'e-1', time: '2026-11-25T03:00:00Z' }), 90);

    // Assess
    expect(record.requestId).toBe('e-1');
    expect(record.timestamp).toBe('2026-11-25T03:00:00.000Z');
    expect(record.item).toMatchObject({ Method: 'SCHEDULED', Path: '/scheduled', BodyEncoding: 'text' });
  });
});
