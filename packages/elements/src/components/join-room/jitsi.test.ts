// The loader of Jitsi's iframe API and the permissions of its iframe, alone.
import { expect } from '@open-wc/testing';
import { grantOnInsert, loadJitsiApi } from './jitsi.js';

/** A script at a blob: URL, so no server is needed. */
function scriptUrl(code: string): string {
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

const scriptsWith = (src: string) => [...document.querySelectorAll('script')].filter((script) => script.src === src);

describe('loadJitsiApi', () => {
  afterEach(() => {
    delete (window as { JitsiMeetExternalAPI?: unknown }).JitsiMeetExternalAPI;
  });

  it('loads a script once and resolves with the class it defines', async () => {
    const src = scriptUrl('window.JitsiMeetExternalAPI = class Loaded {};');
    const [first, second] = await Promise.all([loadJitsiApi(src), loadJitsiApi(src)]);
    expect(first.name).to.equal('Loaded');
    expect(second).to.equal(first);
    expect(await loadJitsiApi(src)).to.equal(first);
    expect(scriptsWith(src)).to.have.length(1);
  });

  it('keeps the class of each server, even when another server’s script replaces the global', async () => {
    const a = scriptUrl('window.JitsiMeetExternalAPI = class A {};');
    const b = scriptUrl('window.JitsiMeetExternalAPI = class B {};');
    expect((await loadJitsiApi(a)).name).to.equal('A');
    expect((await loadJitsiApi(b)).name).to.equal('B');
    expect((await loadJitsiApi(a)).name).to.equal('A');
  });

  it('refuses a script that defines no JitsiMeetExternalAPI', async () => {
    const src = scriptUrl('window.somethingElse = 1;');
    const error = await loadJitsiApi(src).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
  });

  it('forgets a script that did not load, so the next join tries again', async () => {
    const src = 'http://127.0.0.1:9/external_api.js';
    const first = await loadJitsiApi(src).catch((e: unknown) => e);
    expect(first).to.be.instanceOf(Error);
    expect(scriptsWith(src), 'the failed script is removed').to.have.length(0);
    const again = loadJitsiApi(src);
    expect(scriptsWith(src), 'a new attempt').to.have.length(1);
    await again.catch(() => undefined);
  });
});

describe('grantOnInsert', () => {
  it('completes the allow list and the title of the iframe the API inserts, before it loads', () => {
    const container = document.createElement('div');
    document.body.append(container);
    grantOnInsert(container, 'Besprechung');
    const frame = document.createElement('iframe');
    frame.allow = 'camera; microphone; clipboard-write';
    // What JitsiMeetExternalAPI does: append the frame it made (and set its src before); it starts loading here.
    const returned = container.appendChild(frame);
    const features = frame.allow.split(';').map((entry) => entry.trim());
    expect(features).to.include.members(['camera', 'microphone', 'clipboard-write', 'display-capture', 'autoplay', 'fullscreen']);
    expect(features.indexOf('camera'), 'the API’s own entries come first').to.equal(0);
    expect(returned).to.equal(frame);
    expect(frame.parentNode).to.equal(container);
    expect(frame.title).to.equal('Besprechung');
    container.remove();
  });

  it('keeps a title the API gave, and leaves other nodes alone', () => {
    const container = document.createElement('div');
    grantOnInsert(container, 'Besprechung');
    const frame = document.createElement('iframe');
    frame.title = 'Jitsi Meet';
    container.appendChild(frame);
    expect(frame.title).to.equal('Jitsi Meet');
    const text = container.appendChild(document.createElement('p'));
    expect(text.hasAttribute('allow')).to.equal(false);
    expect(container.children).to.have.length(2);
  });
});
