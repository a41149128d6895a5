import { networkError } from './failed-call.ts';

/**
 * A resource of the API client whose class arrives only when it is first called: its methods are
 * there at once (each returns the promise the real method returns, once the class's module has
 * arrived), so that a signed-out page never downloads the classes only a signed-in client calls.
 *
 * Every method of such a resource must return a promise; a member that answers at once (a URL
 * worked out from the base URL) is given in `eager`. After the first call, calls go straight to
 * the real instance.
 */
// Members that code outside looks for on any object: a resource has none of them, so that it is
// never taken for a promise (`then`) and `JSON.stringify` leaves it alone (`toJSON`).
const notMethods = new Set(['then', 'toJSON', 'constructor', 'valueOf', 'toString']);

export function lazyResource<T extends object>(load: () => Promise<T>, eager: Partial<T> = {}): T {
  let loaded: T | undefined;
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  const call = (resource: T, name: string, args: unknown[]) => {
    const member = (resource as Record<string, unknown>)[name];
    if (typeof member !== 'function') throw new TypeError(`${name} is not a method of the resource`);
    return (member as (...args: unknown[]) => unknown).apply(resource, args);
  };
  return new Proxy(eager as T, {
    get(target, name, receiver) {
      if (typeof name === 'symbol' || notMethods.has(name) || Object.hasOwn(target, name)) return Reflect.get(target, name, receiver);
      let method = methods.get(name);
      if (!method) {
        method = (...args: unknown[]) =>
          loaded
            ? call(loaded, name, args)
            : load().then((resource) => {
                loaded = resource;
                return call(resource, name, args);
              });
        methods.set(name, method);
      }
      return method;
    },
  });
}

/**
 * Imports a module for `lazyResource` once; a module that failed to arrive (the network) is
 * asked for again by the next call, which meanwhile rejects as a call that got no answer would.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw networkError(error);
    }));
}
