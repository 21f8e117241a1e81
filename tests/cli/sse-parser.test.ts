/**
 * The event-stream parser of `juyifu listen`: chunks arrive split anywhere (mid-line, between
 * \r and \n), and what the sandbox sends (comments, retry, id/event/data) comes out whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SseParser, type SseEvent } from '../../cli/src/sse-parser.ts';

/** A stream as the sandbox writes it, with \r\n and \r line ends mixed in as the standard allows. */
const STREAM =
  ': connected\nretry: 2000\n\n' +
  'id: evt_1\nevent: payment.paid\ndata: {"body":"a:b"}\n\n' +
  ': ping\n\n' +
  'id: evt_2\r\nevent: refund.failed\r\ndata: line one\r\ndata:line two\r\n\r\n' +
  // Ends in \r\n: a lone \r last is held back until the next chunk says whether \n follows.
  'data: no id or type\r\r\n';

const EXPECTED: SseEvent[] = [
  { id: 'evt_1', type: 'payment.paid', data: '{"body":"a:b"}' },
  { id: 'evt_2', type: 'refund.failed', data: 'line one\nline two' },
  // The id carries on (the standard's "last event ID"); the type does not.
  { id: 'evt_2', type: 'message', data: 'no id or type' },
];

test('the whole stream at once', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push(STREAM), EXPECTED);
  assert.equal(parser.retryMs, 2000);
});

test('split at every position into two chunks, the same events', () => {
  for (let at = 0; at <= STREAM.length; at++) {
    const parser = new SseParser();
    const events = [...parser.push(STREAM.slice(0, at)), ...parser.push(STREAM.slice(at))];
    assert.deepEqual(events, EXPECTED, `split at ${at}: ${JSON.stringify(STREAM.slice(at - 3, at + 3))}`);
  }
});

test('one character at a time, the same events', () => {
  const parser = new SseParser();
  assert.deepEqual(
    [...STREAM].flatMap((c) => parser.push(c)),
    EXPECTED,
  );
});

test('an event not yet ended by a blank line is not given out', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('id: evt_3\ndata: {}\n'), []);
  assert.deepEqual(parser.push('\n'), [{ id: 'evt_3', type: 'message', data: '{}' }]);
});
