import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoomAddress } from '../../api/client.js';
import { FINAL_CODES, type StatusReport, watchRoomStatus } from '../../status/feed.js';

/** What the wait tells the join element. */
export interface WaitEvents<Request> {
  /** The meeting is live: join again with the request that was told to wait. */
  live(request: Request): void;
  /** The room is refused for good (it is gone, or this page may not use it): the wait is over. */
  refused(error: unknown): void;
}

/**
 * Waiting for the host in `<verein-join-room>`: while a join was answered
 * `{ waiting: true }`, it watches the room's live status (the page's one feed,
 * shared with every status badge and join button of the room), and once the
 * meeting is live it hands the request back to join again, once per report:
 * when the status is a moment behind (the meeting just ended), the next join
 * waits again. Only a refusal for good ends the wait; a passing network or
 * server problem is no reason to give up. It stops when the element leaves
 * the page.
 */
export class WaitController<Request> implements ReactiveController {
  /** What to send again once the meeting has started; `undefined` while not waiting. */
  #pending?: Request;
  #unwatch?: () => void;
  /** The status report the last join again was for: the same report is no reason for another. */
  #joinedOn?: StatusReport;

  readonly #events: WaitEvents<Request>;

  constructor(host: ReactiveControllerHost, events: WaitEvents<Request>) {
    this.#events = events;
    host.addController(this);
  }

  /** Wait for the meeting of `address` to start, asking `/status` every `pollInterval` ms where a proxy blocks live updates. */
  wait(address: RoomAddress, request: Request, pollInterval: number): void {
    this.#unwatch?.();
    this.#pending = request;
    this.#unwatch = watchRoomStatus(address, (report) => this.#heard(report), pollInterval);
  }

  stop(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#pending = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  #heard(report: StatusReport): void {
    const pending = this.#pending;
    if (!pending || report === this.#joinedOn) return;
    if (report.status?.state === 'live') {
      this.#joinedOn = report;
      this.#unwatch?.();
      this.#events.live(pending);
    } else if (FINAL_CODES.includes(report.error?.code as string)) {
      this.stop();
      this.#events.refused(report.error);
    }
  }
}
