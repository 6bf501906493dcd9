import type { ServerResponse } from 'node:http';

/** Just enough of a ServerResponse: records the status, headers and body written. */
export class FakeResponse {
  status: number | undefined;
  headers: Record<string, unknown> = {};
  body = '';
  ended = false;
  destroyed = false;
  writableLength = 0;
  writeHead(status: number, headers: Record<string, unknown>) {
    this.status = status;
    this.headers = headers;
    return this;
  }
  write(text: string) {
    this.body += text;
    return true;
  }
  end(text?: string) {
    if (text !== undefined) this.body += text;
    this.ended = true;
  }
  cork() {}
  uncork() {}
  destroy() {
    this.destroyed = true;
  }
  once() {
    return this;
  }
}

/** A fresh {@link FakeResponse}, typed as the ServerResponse it stands in for. */
export const fakeResponse = () => new FakeResponse() as FakeResponse & ServerResponse;
