import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { ApiError } from '../../components/api/api-error.ts';
import { CursorPagesController, type AddedPage, type CursorPage } from '../../components/controllers/cursor-pages-controller.ts';
import { LatestRequestController } from '../../components/controllers/latest-request-controller.ts';
import { deferred } from './fake-service.ts';
import { describe, it } from './mocha.ts';

interface Item {
  id: string;
}

interface Asked {
  cursor: string;
  signal: AbortSignal;
  answer: (page: CursorPage<Item>) => void;
  fail: (error: unknown) => void;
}

/** A list that asks for its later pages by hand: each request waits for the test to answer it. */
class PagedList extends LitElement {
  readonly asked: Asked[] = [];
  readonly added: AddedPage[] = [];
  readonly pages = new CursorPagesController<Item>(this, {
    fetch: (cursor, signal) => {
      const { promise, resolve } = deferred<CursorPage<Item>>();
      let fail!: (error: unknown) => void;
      const failed = new Promise<never>((_, reject) => (fail = reject));
      // As `fetch` does, an aborted request fails with an AbortError.
      signal.addEventListener('abort', () => fail(new DOMException('The request was aborted.', 'AbortError')));
      this.asked.push({ cursor, signal, answer: resolve, fail });
      return Promise.race([promise, failed]);
    },
    key: (item) => item.id,
    added: (_page, added) => void this.added.push(added),
  });

  protected override render(): TemplateResult {
    return html`
      <ul>
        ${this.pages.items.map((item) => html`<li>${item.id}</li>`)}
      </ul>
      ${this.pages.renderMore({ more: 'Load more', loading: 'Loading more…', failed: 'More could not be loaded.' })}
    `;
  }
}
customElements.define('test-paged-list', PagedList);

/** An element that keeps one request going at a time. */
class LatestOnly extends LitElement {
  readonly latest = new LatestRequestController(this);
}
customElements.define('test-latest-only', LatestOnly);

const page = (ids: string[], nextCursor: string | null): CursorPage<Item> => ({ data: ids.map((id) => ({ id })), nextCursor });
const button = (list: PagedList) => list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]');
const status = (list: PagedList) => list.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const shown = (list: PagedList) => [...list.shadowRoot!.querySelectorAll('li')].map((item) => item.textContent);

async function listWith(first: CursorPage<Item>): Promise<PagedList> {
  const list = await fixture<PagedList>(html`<test-paged-list></test-paged-list>`);
  list.pages.show(first);
  await list.updateComplete;
  return list;
}

describe('CursorPagesController', () => {
  it('shows a first page, and is accessible with its button', async () => {
    const list = await listWith(page(['a', 'b'], 'c1'));
    expect(shown(list)).to.deep.equal(['a', 'b']);
    expect(button(list)!.textContent!.trim()).to.equal('Load more');
    expect(button(list)!.getAttribute('aria-disabled')).to.equal('false');
    expect(status(list)).to.equal('');
    await expect(list).to.be.accessible();
  });

  it('loads the next page on a press, one at a time, leaving out items it repeats', async () => {
    const list = await listWith(page(['a', 'b'], 'c1'));
    button(list)!.focus();
    button(list)!.click();
    button(list)!.click();
    await list.updateComplete;
    expect(list.asked.map((asked) => asked.cursor)).to.deep.equal(['c1']);
    expect(button(list)!.textContent!.trim()).to.equal('Loading more…');
    expect(button(list)!.getAttribute('aria-disabled')).to.equal('true');
    expect(status(list)).to.equal('Loading more…');

    list.asked[0]!.answer(page(['b', 'c', 'd'], null));
    await waitUntil(() => !list.pages.loading, 'the page did not arrive');
    await list.updateComplete;
    expect(shown(list)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(list.added).to.deep.equal([{ firstNew: 2, pressed: true }]);
    expect(button(list), 'no button after the last page').to.equal(null);
    expect(status(list)).to.equal('');
  });

  it('says why a page failed and offers to try again', async () => {
    const list = await listWith(page(['a'], 'c1'));
    const loading = list.pages.loadMore();
    list.asked[0]!.fail(new ApiError({ status: 400, code: 'invalid_cursor', title: 'Bad cursor', detail: 'That cursor is not valid.' }));
    expect(await loading).to.equal(false);
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('More could not be loaded. That cursor is not valid.');
    expect(button(list)!.textContent!.trim()).to.equal('Try again');
    await expect(list).to.be.accessible();

    button(list)!.click();
    list.asked[1]!.answer(page(['b'], null));
    await waitUntil(() => shown(list).length === 2, 'trying again did not load the page');
    expect(list.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(list.added).to.deep.equal([{ firstNew: 1, pressed: false }]);
  });

  it('drops the page on its way when the list starts again, and when the element leaves the page', async () => {
    const list = await listWith(page(['a'], 'c1'));
    void list.pages.loadMore();
    list.pages.show(page(['x'], 'c9'));
    expect(list.asked[0]!.signal.aborted).to.equal(true);
    expect(list.pages.loading).to.equal(false);
    list.asked[0]!.answer(page(['late'], null));
    await list.updateComplete;
    expect(shown(list)).to.deep.equal(['x']);
    expect(list.pages.cursor).to.equal('c9');

    void list.pages.loadMore();
    list.remove();
    expect(list.asked[1]!.signal.aborted).to.equal(true);
    await waitUntil(() => !list.pages.loading, 'leaving the page left it loading');
    list.pages.clear();
    expect(list.pages.items).to.deep.equal([]);
    expect(list.pages.cursor).to.equal(null);
  });
});

describe('LatestRequestController', () => {
  it('aborts the request before when another starts, and the one on its way when the element leaves', async () => {
    const element = await fixture<LatestOnly>(html`<test-latest-only></test-latest-only>`);
    const first = element.latest.start();
    const second = element.latest.start();
    expect(first.aborted).to.equal(true);
    expect(second.aborted).to.equal(false);
    expect(element.latest.finish(first)).to.equal(false);
    expect(element.latest.finish(second)).to.equal(true);
    expect(element.latest.pending).to.equal(false);

    const third = element.latest.start();
    element.remove();
    expect(third.aborted).to.equal(true);
    expect(element.latest.pending).to.equal(false);
  });
});
