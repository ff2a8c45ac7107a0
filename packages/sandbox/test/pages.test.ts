// The BigBlueButton meeting page as an embedded meeting sees it: frameable,
// locked down otherwise, and telling a framing page that it is ready.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { MeetingStore } from '../src/bbb/meetings.js';
import { CSP, meetingPage } from '../src/bbb/pages.js';

function page(): string {
  const store = new MeetingStore();
  const meeting = store.create({ meetingID: 'tsv/training', name: 'Training', metadata: new Map() });
  return meetingPage(store.join(meeting, 'Erika', 'VIEWER', undefined));
}

describe('meeting page', () => {
  test('may be framed by any page: no frame-ancestors in its policy', () => {
    assert.doesNotMatch(CSP, /frame-ancestors/);
    assert.match(CSP, /default-src 'self'/);
  });

  test('framed, tells the parent it is ready as BigBlueButton does; the CSP allows exactly that script', () => {
    const html = page();
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
    assert.ok(script, 'the page has its script');
    assert.match(script, /if \(window\.parent !== window\) window\.parent\.postMessage\(\{ response: 'readyToConnect' \}, '\*'\);/);
    const digest = createHash('sha256').update(script, 'utf8').digest('base64');
    assert.ok(CSP.includes(`script-src 'sha256-${digest}'`), 'the script hash is in the CSP');
  });
});
