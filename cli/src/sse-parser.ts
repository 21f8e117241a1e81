/**
 * Server-Sent Events, parsed as the HTML standard's "event stream interpretation" says: fields
 * `id`, `event`, `data` (lines joined by newlines) and `retry`; lines starting with a colon are
 * comments (the sandbox's `: ping`); a blank line ends an event. Text arrives in chunks that may
 * split a line anywhere, so the unfinished end is kept for the next chunk.
 */

export interface SseEvent {
  /** The `id` field, when the event had one. */
  id: string | undefined;
  /** The `event` field; "message" when absent. */
  type: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private id: string | undefined;
  private type = '';
  private data: string[] = [];
  /** The last `retry` the server asked for, in milliseconds. */
  retryMs: number | undefined;

  /** Feeds a chunk of text; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      if (end < 0 || (end === this.buffer.length - 1 && this.buffer[end] === '\r')) break;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(this.buffer.startsWith('\r\n', end) ? end + 2 : end + 1);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.type = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const event = this.data.length
      ? { id: this.id, type: this.type || 'message', data: this.data.join('\n') }
      : undefined;
    this.type = '';
    this.data = [];
    return event;
  }
}
