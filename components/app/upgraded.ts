import { isRegistered } from '../loader/lazy-elements.ts';

/**
 * The element once its class is defined: the script-tag bundle defines each element when its
 * chunk arrives, and until then an element rendered here has none of its methods.
 */
export async function upgraded<T extends Element>(element: T): Promise<T> {
  if (isRegistered(element.localName)) await customElements.whenDefined(element.localName);
  return element;
}
