// How each engine's store is put together from its parts (one class per domain).

/** A class whose instances are `T`, made with `A`. */
type Constructor<A extends unknown[], T> = new (...args: A) => T;
/** `A | B | C` as `A & B & C`. */
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * A class that extends `core` and has the methods of every part: each part
 * is a class that extends `core` too, with methods only (no fields of its
 * own, no `super` calls), so that its methods work on the shared state the
 * core holds (a SQLite connection, a PostgreSQL pool). An engine's store is
 * `class XStore extends compose(Core, PartA, PartB, …) implements Store`:
 * each part is read, tested against its domain's interface, and changed on
 * its own; the store is the sum.
 */
export function compose<A extends unknown[], C, P extends Array<Constructor<never[], C>>>(
  core: Constructor<A, C>,
  ...parts: P
): Constructor<A, C & Intersection<InstanceType<P[number]>>> {
  const Composed = class extends (core as unknown as Constructor<unknown[], object>) {};
  for (const part of parts) {
    for (const name of Object.getOwnPropertyNames(part.prototype)) {
      if (name === 'constructor') continue;
      if (Object.hasOwn(Composed.prototype, name)) throw new Error(`compose: two parts define ${name}`);
      Object.defineProperty(Composed.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name)!);
    }
  }
  return Composed as unknown as Constructor<A, C & Intersection<InstanceType<P[number]>>>;
}
