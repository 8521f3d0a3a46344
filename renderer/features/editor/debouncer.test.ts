import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Debouncer } from "./debouncer";

describe("Debouncer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends only the last value after the writer pauses", async () => {
    const sent: string[] = [];
    const d = new Debouncer<string>(400, (v) => void sent.push(v));
    d.schedule("a");
    vi.advanceTimersByTime(300);
    d.schedule("ab");
    vi.advanceTimersByTime(399);
    expect(sent).toEqual([]);
    expect(d.busy).toBe(true);
    vi.advanceTimersByTime(1);
    await Promise.resolve();
    expect(sent).toEqual(["ab"]);
    expect(d.busy).toBe(false);
  });

  it("flushes at once and stays busy until the send resolves", async () => {
    let resolve!: () => void;
    const d = new Debouncer<string>(400, () => new Promise<void>((r) => (resolve = r)));
    d.schedule("x");
    const done = d.flush();
    expect(d.busy).toBe(true);
    resolve();
    await done;
    expect(d.busy).toBe(false);
  });

  it("does nothing on flush with nothing queued, and cancel drops the queued value", async () => {
    const send = vi.fn();
    const d = new Debouncer<string>(400, send);
    await d.flush();
    d.schedule("gone");
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(send).not.toHaveBeenCalled();
    expect(d.busy).toBe(false);
  });

  it("keeps an undelivered value for the next flush, unless newer typing replaced it", async () => {
    const sent: string[] = [];
    let deliver = false;
    const d = new Debouncer<string>(400, (v) => {
      sent.push(v);
      return Promise.resolve(deliver);
    });
    d.schedule("offline");
    await d.flush();
    expect(d.busy).toBe(true);
    deliver = true;
    await d.flush();
    expect(sent).toEqual(["offline", "offline"]);
    expect(d.busy).toBe(false);

    deliver = false;
    d.schedule("a");
    const first = d.flush();
    d.schedule("ab");
    await first;
    deliver = true;
    await d.flush();
    expect(sent.slice(2)).toEqual(["a", "ab"]);
  });
});
