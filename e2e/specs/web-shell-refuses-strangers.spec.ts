/**
 * The web shell is reachable only by the browser it printed a link for: a WebSocket without the
 * per-launch token, with a wrong token, or from another Origin is refused before any call runs.
 * (It runs against the web shell whichever shell the other specs drive.)
 */
import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { startWebShell } from "../support/launch";

type Outcome = { opened: true } | { opened: false; status: number };

function tryConnect(url: string, origin: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Origin: origin } });
    ws.once("open", () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once("error", () => resolve({ opened: false, status: 0 }));
  });
}

test("refuses a connection without the token or from another origin", async () => {
  const shell = await startWebShell({ model: null });
  try {
    const launch = new URL(shell.url);
    const token = new URLSearchParams(launch.hash.slice(1)).get("token");
    expect(token, "the launch URL carries a token in its fragment").toBeTruthy();
    expect(launch.hostname).toBe("127.0.0.1");
    const origin = launch.origin;
    const ws = (query: string) => `ws://${launch.host}/ws${query}`;

    expect(await tryConnect(ws(""), origin)).toEqual({ opened: false, status: 401 });
    expect(await tryConnect(ws("?token=not-the-token"), origin)).toEqual({ opened: false, status: 401 });
    expect(await tryConnect(ws(`?token=${token}`), "http://evil.example")).toEqual({ opened: false, status: 403 });
    expect(await tryConnect(ws(`?token=${token}`), `http://127.0.0.1:1`)).toEqual({ opened: false, status: 403 });
    // The same request with the right token and origin is accepted: the refusals above are real.
    expect(await tryConnect(ws(`?token=${token}`), origin)).toEqual({ opened: true });

    // The page itself is served with a strict Content-Security-Policy.
    const res = await fetch(launch.origin + "/");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
  } finally {
    await shell.stop();
  }
});
