import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface MessageWindowOptions<T> {
  /** A stable, unique key per item; rendered items carry it as `data-key`. */
  key: (item: T) => string;
  /** A guess of an item's height in pixels, until it has been rendered and measured. */
  estimate: (item: T) => number;
  /** The scrolling element, once rendered. */
  scroller: () => HTMLElement | null;
  /** The list inside it that holds the rendered items (its children carry `data-key`). */
  list: () => HTMLElement | null;
  /** Pixels rendered beyond each edge of the viewport. */
  overscan?: number;
}

/** An item in the window and its position in the whole list. */
export interface Placed<T> {
  item: T;
  index: number;
}

/** Where the view should stay while the content changes: at the end, or on an item. */
type Anchor = 'bottom' | { key: string; delta: number };

// When nothing has been laid out yet, a screenful is guessed at this height.
const FALLBACK_VIEWPORT = 720;
// Closer than this to the end counts as being at the end (new messages keep it there).
const STUCK_DISTANCE = 32;
// Measuring can change what is in range; a few passes settle it.
const MAX_PASSES = 6;

/**
 * Renders only the part of a long list that is near the viewport of its scroller, like a chat:
 * items of any height, measured as they are rendered; the view starts at the end and stays there
 * as items arrive while the reader is at the end; items added before the first (older messages)
 * or heights that change above the viewport never move what the reader is looking at.
 *
 * The host renders `visible` inside `list()`; this controller pads the list by `before` and
 * `after` pixels (through the CSSOM, which a strict Content-Security-Policy allows) so that the
 * scroller's height stands for every item.
 */
export class MessageWindow<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: Required<MessageWindowOptions<T>>;
  #items: readonly T[] = [];
  #indexOf = new Map<string, number>();
  /** Measured heights by key: they outlive the items' places in the list. */
  readonly #heights = new Map<string, number>();
  /** Each item's height, measured or estimated, by index. */
  #sizes = new Float64Array(0);
  #offsets = new Float64Array(1);
  #offsetsValid = true;
  #first = 0;
  #last = -1;
  #anchor: Anchor | undefined;
  #stuck = true;
  #passes = 0;
  #scroller: HTMLElement | null = null;
  #resizeObserver: ResizeObserver | undefined;
  #width = -1;
  #height = -1;

  constructor(host: ReactiveControllerHost, options: MessageWindowOptions<T>) {
    this.#host = host;
    this.#options = { overscan: 600, ...options };
    host.addController(this);
  }

  get items(): readonly T[] {
    return this.#items;
  }

  /** The items to render now, in order. */
  get visible(): Placed<T>[] {
    const placed: Placed<T>[] = [];
    const last = Math.min(this.#last, this.#items.length - 1);
    for (let index = this.#first; index <= last; index += 1) placed.push({ item: this.#items[index]!, index });
    return placed;
  }

  /** Pixels standing for the items before the rendered ones. */
  get before(): number {
    return this.#items.length ? this.#offset(this.#first) : 0;
  }

  /** Pixels standing for the items after the rendered ones. */
  get after(): number {
    return this.#items.length ? this.#offset(this.#items.length) - this.#offset(this.#last + 1) : 0;
  }

  /** True while the reader is at the end of the list (where new items keep the view). */
  get atEnd(): boolean {
    return this.#stuck;
  }

  /**
   * Replaces the items. The view stays on what the reader sees: at the end if it was there, else
   * on the first item in view, wherever it now is in the list.
   */
  setItems(items: readonly T[]): void {
    if (items === this.#items) return;
    this.#anchor ??= this.#currentAnchor();
    this.#items = items;
    this.#indexOf = new Map(items.map((item, index) => [this.#options.key(item), index]));
    this.#resize();
    this.#host.requestUpdate();
  }

  /** Shows the end of the list, and keeps it there as items arrive. */
  scrollToEnd(): void {
    this.#stuck = true;
    this.#anchor = 'bottom';
    this.#host.requestUpdate();
  }

  /** Brings an item into view (rendering it first), e.g. to move focus to it. */
  reveal(key: string): void {
    const index = this.#indexOf.get(key);
    if (index === undefined) return;
    this.#stuck = false;
    this.#anchor = { key, delta: 0 };
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    if (this.#scroller) this.#watch(this.#scroller);
  }

  hostDisconnected(): void {
    this.#unwatch();
  }

  hostUpdate(): void {
    this.#anchor ??= this.#currentAnchor();
    const scroller = this.#options.scroller();
    const viewport = scroller && scroller.clientHeight > 0 ? scroller.clientHeight : FALLBACK_VIEWPORT;
    const top = this.#targetTop(this.#anchor, viewport);
    this.#setRange(top, viewport);
  }

  hostUpdated(): void {
    const scroller = this.#options.scroller();
    if (scroller !== this.#scroller) {
      this.#unwatch();
      this.#scroller = scroller;
      if (scroller) this.#watch(scroller);
    }
    const list = this.#options.list();
    // Hidden (e.g. the list view on a phone): nothing can be measured until it shows.
    if (list) {
      list.style.setProperty('padding-block-start', `${this.before}px`);
      list.style.setProperty('padding-block-end', `${this.after}px`);
    }
    if (!scroller || !list || scroller.clientWidth === 0) {
      this.#anchor = this.#stuck ? 'bottom' : this.#anchor;
      return;
    }
    if (this.#measure(list) && this.#passes < MAX_PASSES) {
      // What was measured may change what is in range: render again before the browser paints.
      this.#passes += 1;
      this.#host.requestUpdate();
      return;
    }
    this.#restore(scroller, list);
    this.#anchor = undefined;
    if (!this.#covers(scroller, list, 0) && this.#passes < MAX_PASSES) {
      this.#passes += 1;
      this.#host.requestUpdate();
      return;
    }
    this.#passes = 0;
  }

  #measure(list: HTMLElement): boolean {
    let changed = false;
    for (const child of list.children) {
      const key = (child as HTMLElement).dataset.key;
      const index = key === undefined ? undefined : this.#indexOf.get(key);
      if (index === undefined) continue;
      const height = child.getBoundingClientRect().height;
      if (this.#heights.get(key!) === undefined || Math.abs(this.#sizes[index]! - height) > 0.5) {
        this.#heights.set(key!, height);
        this.#sizes[index] = height;
        changed = true;
      }
    }
    if (changed) this.#offsetsValid = false;
    return changed;
  }

  /** Takes every item's height from what was measured, else from its estimate. */
  #resize(): void {
    const { key, estimate } = this.#options;
    const sizes = new Float64Array(this.#items.length);
    for (let index = 0; index < this.#items.length; index += 1) {
      const item = this.#items[index]!;
      sizes[index] = this.#heights.get(key(item)) ?? estimate(item);
    }
    this.#sizes = sizes;
    this.#offsetsValid = false;
  }

  #restore(scroller: HTMLElement, list: HTMLElement): void {
    const anchor = this.#anchor;
    if (anchor === 'bottom') {
      const end = scroller.scrollHeight - scroller.clientHeight;
      if (Math.abs(scroller.scrollTop - end) >= 1) scroller.scrollTop = end;
      return;
    }
    if (!anchor) return;
    const index = this.#indexOf.get(anchor.key);
    if (index === undefined) return;
    const target = list.offsetTop + this.#offset(index) - anchor.delta;
    if (Math.abs(scroller.scrollTop - target) >= 1) scroller.scrollTop = target;
  }

  /** The anchor that keeps the view as it is: the end, or the first item in view and how far above the viewport's top it starts. */
  #currentAnchor(): Anchor | undefined {
    const scroller = this.#scroller;
    // Read from the scroller itself: a scroll event this object has yet to hear of may have moved it.
    if (scroller && scroller.clientHeight > 0) this.#stuck = this.#distanceToEnd(scroller) <= STUCK_DISTANCE;
    if (this.#stuck) return 'bottom';
    const list = this.#options.list();
    if (!scroller || !list || this.#items.length === 0) return undefined;
    const top = scroller.scrollTop - list.offsetTop;
    const index = this.#indexAt(Math.max(0, top));
    const item = this.#items[index];
    return item === undefined ? undefined : { key: this.#options.key(item), delta: this.#offset(index) - top };
  }

  /** Where the viewport's top will be, in the list's own coordinates. */
  #targetTop(anchor: Anchor | undefined, viewport: number): number {
    const total = this.#offset(this.#items.length);
    if (anchor === 'bottom') return Math.max(0, total - viewport);
    if (anchor) {
      const index = this.#indexOf.get(anchor.key);
      if (index !== undefined) return Math.max(0, this.#offset(index) - anchor.delta);
    }
    const scroller = this.#scroller;
    const list = this.#options.list();
    return scroller && list ? Math.max(0, scroller.scrollTop - list.offsetTop) : 0;
  }

  #setRange(top: number, viewport: number): void {
    const count = this.#items.length;
    if (count === 0) {
      this.#first = 0;
      this.#last = -1;
      return;
    }
    const { overscan } = this.#options;
    this.#first = this.#indexAt(Math.max(0, top - overscan));
    this.#last = this.#indexAt(top + viewport + overscan);
  }

  /** Whether the rendered items reach `margin` pixels beyond the viewport on both sides. */
  #covers(scroller: HTMLElement, list: HTMLElement, margin: number): boolean {
    if (this.#items.length === 0) return true;
    const top = scroller.scrollTop - list.offsetTop;
    const bottom = top + scroller.clientHeight;
    const renderedTop = this.#offset(this.#first);
    const renderedBottom = this.#offset(this.#last + 1);
    const atStart = this.#first === 0;
    const atEnd = this.#last === this.#items.length - 1;
    return (atStart || renderedTop <= Math.max(0, top - margin)) && (atEnd || renderedBottom >= bottom + margin);
  }

  /** The index of the item at `y` pixels from the list's top (the last item past the end). */
  #indexAt(y: number): number {
    const offsets = this.#offsetTable();
    let low = 0;
    let high = this.#items.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (offsets[middle]! <= y) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  #offset(index: number): number {
    return this.#offsetTable()[index] ?? 0;
  }

  /** Where each item starts (and, last, where the list ends), from measured or estimated heights. */
  #offsetTable(): Float64Array {
    if (this.#offsetsValid) return this.#offsets;
    const sizes = this.#sizes;
    const offsets = new Float64Array(sizes.length + 1);
    let y = 0;
    for (let index = 0; index < sizes.length; index += 1) {
      offsets[index] = y;
      y += sizes[index]!;
    }
    offsets[sizes.length] = y;
    this.#offsets = offsets;
    this.#offsetsValid = true;
    return offsets;
  }

  #onScroll = (): void => {
    const scroller = this.#scroller;
    const list = this.#options.list();
    if (!scroller || !list) return;
    this.#stuck = this.#distanceToEnd(scroller) <= STUCK_DISTANCE;
    // Render more only when the reader gets within half the overscan of the rendered edge.
    if (!this.#covers(scroller, list, this.#options.overscan / 2)) this.#host.requestUpdate();
  };

  #distanceToEnd(scroller: HTMLElement): number {
    return scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
  }

  #onResize = (): void => {
    const scroller = this.#scroller;
    if (!scroller) return;
    const { clientWidth: width, clientHeight: height } = scroller;
    if (width === this.#width && height === this.#height) return;
    const widthChanged = this.#width !== -1 && width !== this.#width && width > 0;
    this.#width = width;
    this.#height = height;
    if (widthChanged) {
      // Text wraps differently at another width: every height is measured again.
      this.#anchor ??= this.#currentAnchor();
      this.#heights.clear();
      this.#resize();
    }
    this.#host.requestUpdate();
  };

  #watch(scroller: HTMLElement): void {
    scroller.addEventListener('scroll', this.#onScroll, { passive: true });
    if (typeof ResizeObserver !== 'undefined') {
      this.#resizeObserver ??= new ResizeObserver(this.#onResize);
      this.#resizeObserver.observe(scroller);
    }
  }

  #unwatch(): void {
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    this.#resizeObserver?.disconnect();
    this.#width = -1;
    this.#height = -1;
  }
}
