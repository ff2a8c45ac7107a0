import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { bbbChecksum, bbbUrl, parseBbbAnswer, webChecksum } from '../src/providers/bbb.ts';
import type { BbbBackend } from '../src/config/index.ts';

interface Vector {
  call: string;
  query: string;
  checksums: Record<string, string>;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/bbb-checksums.json', import.meta.url), 'utf8')) as {
  secret: string;
  vectors: Vector[];
};

describe('BigBlueButton checksum', () => {
  for (const vector of fixture.vectors) {
    for (const [algorithm, expected] of Object.entries(vector.checksums)) {
      if (algorithm === 'sha384') continue; // we never send sha384 (Scalelite refuses it)
      test(`${vector.call} ${algorithm} matches the reference vector`, async () => {
        const actual = await bbbChecksum(vector.call, vector.query, fixture.secret, algorithm as 'sha1');
        assert.equal(actual, expected);
      });
      test(`${vector.call} ${algorithm} matches it through WebCrypto too (runtimes without Node's crypto)`, async () => {
        assert.equal(await webChecksum(vector.call + vector.query + fixture.secret, algorithm as 'sha1'), expected);
      });
    }
  }

  test('the URL carries the checksum over exactly the query it sends', async () => {
    const backend: BbbBackend = {
      type: 'bbb',
      url: 'https://bbb.example/bigbluebutton/api',
      secret: fixture.secret,
      checksum: 'sha256',
      timeoutMs: 1000,
    };
    const url = await bbbUrl(backend, 'create', { name: 'Test Meeting', meetingID: 'abc123', attendeePW: '111222', moderatorPW: '333444' });
    assert.equal(
      url,
      'https://bbb.example/bigbluebutton/api/create?name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444' +
        '&checksum=da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e',
    );
  });

  test('an empty query is signed as the empty string', async () => {
    const backend: BbbBackend = {
      type: 'bbb',
      url: 'https://bbb.example/bigbluebutton/api',
      secret: fixture.secret,
      checksum: 'sha1',
      timeoutMs: 1000,
    };
    assert.equal(
      await bbbUrl(backend, 'getMeetings', {}),
      'https://bbb.example/bigbluebutton/api/getMeetings?checksum=2027baa7771026e9e93392f55031535d1444c41f',
    );
  });

  test('names are form-encoded once: space as +, UTF-8 percent-encoding', async () => {
    const backend: BbbBackend = {
      type: 'bbb',
      url: 'https://b.example/bigbluebutton/api',
      secret: 's',
      checksum: 'sha256',
      timeoutMs: 1000,
    };
    const url = new URL(await bbbUrl(backend, 'join', { fullName: 'Jürgen & Co + 🏓 <script>' }));
    assert.equal(url.search.split('&checksum=')[0], '?fullName=J%C3%BCrgen+%26+Co+%2B+%F0%9F%8F%93+%3Cscript%3E');
  });
});

describe('BigBlueButton branding parameters', () => {
  const backend: BbbBackend = {
    type: 'bbb',
    url: 'https://bbb.example/bigbluebutton/api',
    secret: fixture.secret,
    checksum: 'sha256',
    timeoutMs: 1000,
  };
  const create = fixture.vectors.find((vector) => vector.call === 'create')!;

  test('logo on create: encoded once, after the reference parameters, and signed over exactly what is sent', async () => {
    const logo = 'https://www.tsv.example/logo.svg?v=2&größe=groß';
    const url = await bbbUrl(backend, 'create', { ...Object.fromEntries(new URLSearchParams(create.query)), logo });
    const [query, checksum] = new URL(url).search.slice(1).split('&checksum=') as [string, string];
    assert.equal(query, `${create.query}&logo=https%3A%2F%2Fwww.tsv.example%2Flogo.svg%3Fv%3D2%26gr%C3%B6%C3%9Fe%3Dgro%C3%9F`);
    assert.equal(checksum, createHash('sha256').update(`create${query}${fixture.secret}`).digest('hex'));
    // Without the logo, the reference vector again.
    const plain = await bbbUrl(backend, 'create', Object.fromEntries(new URLSearchParams(create.query)));
    assert.ok(plain.endsWith(`?${create.query}&checksum=${create.checksums.sha256}`));
  });

  test('the style sheet on join is a userdata parameter under the checksum', async () => {
    const { BbbProvider } = await import('../src/providers/bbb.ts');
    const provider = new BbbProvider(backend);
    const meeting = {
      id: 'tsv/training',
      name: 'Training',
      branding: { styleUrl: 'https://www.tsv.example/bbb.css', logoUrl: 'https://www.tsv.example/logo.svg' },
    };
    const { url, embed } = await provider.join(meeting, {
      displayName: 'Anna',
      role: 'attendee',
      userId: 'u-1',
      createTime: '1700000000000',
    });
    const [query, checksum] = new URL(url).search.slice(1).split('&checksum=') as [string, string];
    assert.equal(
      query,
      'fullName=Anna&meetingID=tsv%2Ftraining&role=VIEWER&userID=u-1&createTime=1700000000000&userdata-bbb_custom_style_url=https%3A%2F%2Fwww.tsv.example%2Fbbb.css',
    );
    assert.equal(checksum, createHash('sha256').update(`join${query}${fixture.secret}`).digest('hex'));
    assert.deepEqual(embed, { type: 'iframe' });
  });
});

describe('BigBlueButton answers', () => {
  test('reads top-level fields and skips attendees and metadata', () => {
    const answer = parseBbbAnswer(`<?xml version="1.0"?><response><returncode>SUCCESS</returncode>
      <meetingName>A &amp; B</meetingName><running>true</running><participantCount>2</participantCount>
      <attendees><attendee><fullName>running</fullName><running>false</running></attendee></attendees>
      <metadata><participantcount>99</participantcount></metadata><messageKey/></response>`);
    assert.equal(answer.get('returncode'), 'SUCCESS');
    assert.equal(answer.get('meetingName'), 'A & B');
    assert.equal(answer.get('running'), 'true');
    assert.equal(answer.get('participantCount'), '2');
    assert.equal(answer.get('messageKey'), '');
    assert.equal(answer.get('fullName'), undefined);
  });

  test('character references out of Unicode range are left as they are', () => {
    const answer = parseBbbAnswer('<response><returncode>SUCCESS</returncode><meetingName>a&#x110000;b&#65;</meetingName></response>');
    assert.equal(answer.get('meetingName'), 'a&#x110000;bA');
  });

  test('refuses what is not a BigBlueButton answer', () => {
    assert.throws(() => parseBbbAnswer('<html>Bad gateway</html>'), { name: 'UpstreamError' });
  });
});
