/**
 * An application-level ping on the chat socket. Browsers answer the server's WebSocket pings but never
 * tell the page about them, so a socket can look open long after the network under it died (a laptop
 * waking up, a proxy dropping idle connections). A ping every `everyMs` that gets no pong within
 * `timeoutMs` calls `onDead` (checked at the next beat, so a dead socket is found within two beats).
 */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | null = null;
  private deadline: number | null = null;

  constructor(
    private readonly ping: (now: number) => boolean,
    private readonly onDead: () => void,
    private readonly now: () => number,
    private readonly everyMs = 25_000,
    private readonly timeoutMs = 10_000,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(
      () => {
        const now = this.now();
        if (this.deadline !== null && now > this.deadline) {
          this.stop();
          this.onDead();
          return;
        }
        if (this.deadline === null && this.ping(now)) this.deadline = now + this.timeoutMs;
      },
      Math.min(this.everyMs, this.timeoutMs),
    );
  }

  /** A pong arrived: the socket is alive. */
  pong(): void {
    this.deadline = null;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.deadline = null;
  }
}
