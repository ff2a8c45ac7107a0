// The shared status feed alone, against the real server helper: one event
// stream per room and page, however many listen.
import { expect, waitUntil } from '@open-wc/testing';
import { eventStreams, stack } from '../test-helpers.js';
import { type StatusReport, watchRoomStatus } from './feed.js';

const address = (room: string) => ({ endpoint: stack.endpoint, tenant: 'tsv', room });
const openStreams = async (room: string) => (await eventStreams()).open[room] ?? 0;

describe('watchRoomStatus', () => {
  it('one event stream for every listener of a room; a late listener hears the last report at once; closed after the last', async () => {
    const first: StatusReport[] = [];
    const second: StatusReport[] = [];
    const before = (await eventStreams()).requested['status-1'] ?? 0;
    const stopFirst = watchRoomStatus(address('status-1'), (report) => first.push(report));
    await waitUntil(() => first.length > 0, 'a first report');
    expect(first[0]!.status?.state).to.equal('idle');

    // Endpoints written differently are the same server.
    const stopSecond = watchRoomStatus(address('status-1'), (report) => second.push(report), 200);
    expect(second, 'not while subscribing').to.have.length(0);
    await Promise.resolve();
    expect(second).to.deep.equal([first.at(-1)]);
    const stopThird = watchRoomStatus({ ...address('status-1'), endpoint: `${stack.endpoint}/` }, () => undefined);

    expect(await openStreams('status-1')).to.equal(1);
    expect((await eventStreams()).requested['status-1']).to.equal(before + 1);

    stopFirst();
    stopFirst(); // twice changes nothing
    stopThird();
    expect(await openStreams('status-1'), 'one listener left').to.equal(1);
    stopSecond();
    await waitUntil(async () => (await openStreams('status-1')) === 0, 'closed', { timeout: 3000, interval: 100 });
  });

  it('keeps at most 4 event streams per page and polls the rooms beyond', async function (this: { timeout(ms: number): void }) {
    this.timeout(15000);
    const rooms = ['status-1', 'status-2', 'status-3', 'status-4', 'status-5'];
    const heard = new Map<string, StatusReport>();
    const stops = rooms.map((room) => watchRoomStatus(address(room), (report) => heard.set(room, report), 200));
    try {
      await waitUntil(() => rooms.every((room) => heard.get(room)?.status), 'a status for every room', { timeout: 8000 });
      const { open } = await eventStreams();
      expect(rooms.reduce((sum, room) => sum + (open[room] ?? 0), 0)).to.equal(4);
    } finally {
      for (const stop of stops) stop();
    }
    await waitUntil(async () => {
      const { open } = await eventStreams();
      return rooms.every((room) => !open[room]);
    }, 'all closed', { timeout: 3000, interval: 100 });
  });

  it('reports a refusal for good and stops asking', async () => {
    const reports: StatusReport[] = [];
    const stop = watchRoomStatus(address('yoga'), (report) => reports.push(report));
    await waitUntil(() => reports.length > 0, 'a report', { timeout: 5000 });
    expect(reports[0]!.error?.code).to.equal('room_not_found');
    const asked = (await eventStreams()).requested.yoga;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await eventStreams()).requested.yoga).to.equal(asked);
    expect(reports).to.have.length(1);
    stop();
  });
});
