import { expect } from '@open-wc/testing';
import { lazy } from './chunks.js';

describe('lazy', () => {
  it('loads once, and shares the answer', async () => {
    let calls = 0;
    const load = lazy(async () => ++calls);
    expect(await Promise.all([load(), load()])).to.deep.equal([1, 1]);
    expect(await load()).to.equal(1);
    expect(calls).to.equal(1);
  });

  it('tries a failed load once more', async () => {
    let calls = 0;
    const load = lazy(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return 'flow';
    });
    expect(await load()).to.equal('flow');
    expect(calls).to.equal(2);
  });

  it('gives up after the retry, and starts afresh on the next call', async () => {
    let calls = 0;
    const load = lazy(async () => {
      calls += 1;
      if (calls <= 2) throw new TypeError('Failed to fetch dynamically imported module');
      return 'flow';
    });
    let failed = false;
    await load().catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(calls).to.equal(2);
    expect(await load()).to.equal('flow');
  });
});
