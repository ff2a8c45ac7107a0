// The shared status feed alone, against the real server helper: one event
// stream per page for all the rooms of a tenant, however many listen.
import { expect, waitUntil } from '@open-wc/testing';
import { eventStreams, setEventsBlocked, stack } from '../test/helpers.js';
import { type StatusReport, watchRoomStatus } from './feed.js';

const address = (room: string) => ({ endpoint: stack.endpoint, tenant: 'tsv', room });
const openStreams = async (room: string) => (await eventStreams()).open[room] ?? 0;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The stack's event-stream connections: how many were asked for, how many are open, and the rooms of each open one. */
async function connections(): Promise<{ requested: number; open: number; rooms: string[][] }> {
  return (await eventStreams()).connections;
}

/** Wait until no event stream is open (the last test's may still be closing). */
function settled(what = 'no event stream open'): Promise<void> {
  return waitUntil(async () => (await connections()).open === 0, what, { timeout: 3000, interval: 100 });
}

/** Watch each room, collecting what its listener hears. */
function watchAll(rooms: string[], pollInterval = 200) {
  const heard = new Map<string, StatusReport[]>(rooms.map((room) => [room, []]));
  const stops = new Map(
    rooms.map((room) => [room, watchRoomStatus(address(room), (report) => heard.get(room)!.push(report), pollInterval)]),
  );
  return { heard, stops, stopAll: () => stops.forEach((stop) => stop()) };
}

describe('watchRoomStatus', () => {
  beforeEach(() => settled('the last test’s streams closed'));

  it('one event stream for every listener of a room; a late listener hears the last report at once; closed after the last', async () => {
    const first: StatusReport[] = [];
    const second: StatusReport[] = [];
    const before = (await eventStreams()).requested['status-1'] ?? 0;
    const stopFirst = watchRoomStatus(address('status-1'), (report) => first.push(report));
    await waitUntil(() => first.length > 0, 'a first report');
    expect(first[0]!.status?.state).to.equal('idle');
    expect(first[0]!.status, 'a status, without the room id of the stream').not.to.have.property('room');

    // Endpoints written differently are the same server.
    const stopSecond = watchRoomStatus(address('status-1'), (report) => second.push(report), 200);
    expect(second, 'not while subscribing').to.have.length(0);
    await Promise.resolve();
    expect(second).to.deep.equal([first.at(-1)]);
    const stopThird = watchRoomStatus({ ...address('status-1'), endpoint: `${stack.endpoint}/` }, () => undefined);

    await pause(200);
    expect(await openStreams('status-1')).to.equal(1);
    expect((await connections()).open).to.equal(1);
    expect((await eventStreams()).requested['status-1']).to.equal(before + 1);

    stopFirst();
    stopFirst(); // twice changes nothing
    stopThird();
    await pause(200);
    expect(await openStreams('status-1'), 'one listener left').to.equal(1);
    expect((await eventStreams()).requested['status-1'], 'the same stream').to.equal(before + 1);
    stopSecond();
    await settled('closed');
  });

  it('one event stream for all rooms of a tenant; opened again for the new set when a room comes or goes, without a gap', async () => {
    const { requested } = await connections();
    const { heard, stops, stopAll } = watchAll(['status-3', 'status-1', 'status-2']);
    try {
      await waitUntil(() => [...heard.values()].every((reports) => reports[0]?.status), 'a status for every room', { timeout: 5000 });
      let now = await connections();
      expect(now.open, 'one open stream').to.equal(1);
      expect(now.requested, 'one asked for, though the rooms came one by one').to.equal(requested + 1);
      expect(now.rooms, 'sorted').to.deep.equal([['status-1', 'status-2', 'status-3']]);

      // Another room: a stream for the new set, the old one closed.
      const late: StatusReport[] = [];
      stops.set(
        'status-4',
        watchRoomStatus(address('status-4'), (report) => late.push(report), 200),
      );
      heard.set('status-4', late);
      await waitUntil(() => late[0]?.status, 'a status for the new room', { timeout: 5000 });
      await waitUntil(async () => (await connections()).open === 1, 'the old stream closed', { timeout: 3000, interval: 100 });
      now = await connections();
      expect(now.rooms).to.deep.equal([['status-1', 'status-2', 'status-3', 'status-4']]);
      expect(now.requested).to.equal(requested + 2);

      // Rooms going: the stream again for the rest.
      stops.get('status-2')!();
      stops.get('status-4')!();
      await waitUntil(async () => (await connections()).rooms[0]?.join() === 'status-1,status-3', 'a stream for the rest', {
        timeout: 3000,
        interval: 100,
      });
      await pause(300);
      now = await connections();
      expect(now.open).to.equal(1);
      expect(now.requested).to.equal(requested + 3);
      for (const [room, reports] of heard) {
        expect(
          reports.every((report) => report.status?.state === 'idle'),
          `${room}: only statuses, no gap or error while switching`,
        ).to.equal(true);
      }
    } finally {
      stopAll();
    }
    await settled('closed after the last');
  });

  it('polls the rooms beyond 20 and streams the first 20', async function (this: { timeout(ms: number): void }) {
    this.timeout(20000);
    const rooms = [
      ...Array.from({ length: 14 }, (_, i) => `status-${i + 1}`),
      'wait-1',
      'wait-2',
      'wait-3',
      'wait-4',
      'wait-5',
      'training',
      'vorstand',
    ];
    const { heard, stopAll } = watchAll(rooms);
    try {
      await waitUntil(() => [...heard.values()].every((reports) => reports[0]?.status), 'a status for every room', { timeout: 10000 });
      const now = await connections();
      expect(now.open).to.equal(1);
      expect(now.rooms[0]).to.have.length(20);
      expect(now.rooms[0], 'the last in order is polled').not.to.include('wait-5');
      const polled = heard.get('wait-5')!.length;
      await pause(1000);
      expect(heard.get('wait-5')!.length - polled, 'wait-5 polled every 200 ms').to.be.at.least(2);
    } finally {
      stopAll();
    }
    await settled('all closed');
  });

  it('reports a refusal for good and stops asking', async () => {
    const reports: StatusReport[] = [];
    const stop = watchRoomStatus(address('yoga'), (report) => reports.push(report));
    await waitUntil(() => reports.length > 0, 'a report', { timeout: 5000 });
    expect(reports[0]!.error?.code).to.equal('room_not_found');
    const asked = (await eventStreams()).requested.yoga;
    await pause(1500);
    expect((await eventStreams()).requested.yoga).to.equal(asked);
    expect(reports).to.have.length(1);
    const late: StatusReport[] = [];
    const stopLate = watchRoomStatus(address('yoga'), (report) => late.push(report));
    await Promise.resolve();
    expect(late, 'a late listener hears the refusal at once').to.deep.equal(reports);
    stop();
    stopLate();
  });

  it('an unknown room among others: its listeners hear the refusal, the stream goes on for the rest', async () => {
    const { heard, stopAll } = watchAll(['status-5', 'yoga', 'status-6', 'Not An Id']);
    try {
      await waitUntil(() => [...heard.values()].every((reports) => reports.length > 0), 'a report for every room', { timeout: 8000 });
      expect(heard.get('yoga')![0]!.error?.code).to.equal('room_not_found');
      expect(heard.get('Not An Id')![0]!.error?.code).to.equal('room_not_found');
      await waitUntil(async () => (await connections()).rooms[0]?.join() === 'status-5,status-6', 'a stream for the others', {
        timeout: 5000,
        interval: 100,
      });
      await waitUntil(() => heard.get('status-5')!.some((report) => report.status), 'status-5 streamed');
      const asked = (await eventStreams()).requested.yoga;
      await pause(1500);
      expect((await eventStreams()).requested.yoga, 'no more streams with the unknown room').to.equal(asked);
      expect(heard.get('yoga'), 'reported once').to.have.length(1);
      expect((await connections()).open).to.equal(1);
    } finally {
      stopAll();
    }
  });

  it('polls every room where a proxy blocks the stream, and goes back to one stream for all', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(30000);
    await setEventsBlocked(true);
    const { heard, stopAll } = watchAll(['status-7', 'status-8']);
    try {
      await waitUntil(() => [...heard.values()].every((reports) => reports.length >= 3), 'polled', { timeout: 8000 });
      expect([...heard.values()].flat().every((report) => report.status?.state === 'idle')).to.equal(true);
      expect((await connections()).open).to.equal(0);
      await setEventsBlocked(false);
      await waitUntil(async () => (await connections()).open === 1, 'the stream again', { timeout: 15000, interval: 250 });
      expect((await connections()).rooms).to.deep.equal([['status-7', 'status-8']]);
      const counts = [...heard.values()].map((reports) => reports.length);
      await pause(1000);
      expect(
        [...heard.values()].map((reports) => reports.length),
        'no polling beside the stream',
      ).to.deep.equal(counts);
    } finally {
      await setEventsBlocked(false);
      stopAll();
    }
  });
});
