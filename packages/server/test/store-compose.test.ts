// How an engine's store is put together from its parts (store/compose.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compose } from '../src/store/compose.ts';

class Core {
  protected readonly seen: string[] = [];
  constructor(readonly name: string) {}
  protected note(what: string): string {
    this.seen.push(what);
    return `${this.name}: ${what}`;
  }
}
class Greeting extends Core {
  hello(): string {
    return this.note('hello');
  }
}
class Farewell extends Core {
  bye(): string {
    return this.note('bye');
  }
  get said(): readonly string[] {
    return this.seen;
  }
}

describe('compose', () => {
  test("one class with every part's methods, working on the state the core's constructor made", () => {
    class Both extends compose(Core, Greeting, Farewell) {}
    const both = new Both('a');
    assert.equal(both.hello(), 'a: hello');
    assert.equal(both.bye(), 'a: bye');
    assert.deepEqual(both.said, ['hello', 'bye']);
    assert.ok(both instanceof Core);
    assert.equal(new Both('b').said.length, 0);
  });

  test('two parts with a method of the same name are refused', () => {
    class Again extends Core {
      hello(): string {
        return 'again';
      }
    }
    assert.throws(() => compose(Core, Greeting, Again), /two parts define hello/);
  });
});
