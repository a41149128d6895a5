import { css } from 'lit';
import { controlBox } from '../../styles/basic.ts';
import { tokens } from '../../styles/tokens.ts';

/** What the inbox adds to the client portal's message styles: the filters, the client in each row, the thread's actions. */
export const inboxStyles = css`
  .header-actions,
  .thread-actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(${tokens.space} * 0.5);
  }
  .filters {
    display: grid;
    grid-template-columns: 1fr;
    gap: calc(${tokens.space} * 0.75);
    align-items: start;
    margin-block-end: ${tokens.space};
    padding: calc(${tokens.space} * 0.75);
    border-radius: ${tokens.radius};
    background: var(--portal-console-inbox-filters-background, ${tokens.colorSurfaceAlt});
  }
  .filters .field {
    margin: 0;
  }
  .filters select {
    width: 100%;
    ${controlBox}
  }
  .filters .hint {
    margin: 0.25em 0 0;
  }
  .search-row {
    display: flex;
    gap: calc(${tokens.space} * 0.5);
  }
  .search-row input {
    flex: 1 1 auto;
    min-width: 0;
  }
  .client-name {
    min-width: 0;
    color: var(--portal-console-inbox-client-color, ${tokens.colorMuted});
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .thread-client {
    flex-basis: 100%;
    margin: 0;
    color: ${tokens.colorMuted};
    overflow-wrap: anywhere;
  }
  .thread-button[data-unread='true'] .client-name {
    color: ${tokens.colorText};
    font-weight: 700;
  }
  @container (min-width: 48rem) {
    .filters {
      grid-template-columns: minmax(12rem, 1fr) minmax(10rem, 14rem) minmax(12rem, 1fr);
    }
  }
`;
