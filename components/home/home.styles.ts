import { css } from 'lit';
import { statePanelStyles } from '../styles/shared.ts';
import { tokens } from '../styles/tokens.ts';

const cardBorder = css`var(--portal-home-card-border-color, ${tokens.colorDivider})`;

export const homeStyles = css`
  :host {
    container-type: inline-size;
  }
  h2 {
    margin: 0 0 ${tokens.space};
    color: var(--portal-home-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3,
  h4 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    font-size: 1.125em;
    line-height: 1.3;
  }
  h4 {
    font-size: 1em;
  }
  p {
    margin: 0 0 calc(${tokens.space} * 0.5);
  }
  .home {
    display: grid;
    gap: ${tokens.space};
  }
  .cards {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${tokens.space};
  }
  .card,
  .changes {
    min-width: 0;
    padding: ${tokens.space};
    border: 1px solid ${cardBorder};
    border-block-start: 4px solid var(--portal-home-accent, ${tokens.colorBrand});
    border-radius: ${tokens.radius};
    background: var(--portal-home-card-background, ${tokens.colorSurface});
  }
  .amount {
    margin: 0;
    color: var(--portal-home-amount-color, ${tokens.colorText});
    font-size: 1.75em;
    font-weight: 700;
    line-height: 1.2;
    overflow-wrap: anywhere;
  }
  .count {
    font-weight: 600;
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  .overdue {
    color: var(--portal-home-overdue-color, ${tokens.colorDanger});
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
    margin-block-start: calc(${tokens.space} * 0.75);
  }
  .actions .button {
    max-width: 100%;
    white-space: normal;
  }
  .list {
    display: grid;
    gap: calc(${tokens.space} * 0.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    gap: 0.125em;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .item .title {
    font-weight: 600;
  }
  .item .link-button {
    justify-self: start;
    min-height: 1.5rem;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .group + .group {
    margin-block-start: ${tokens.space};
  }
  .caught-up {
    margin: 0;
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
    font-weight: 600;
  }
  .skeleton {
    display: grid;
    gap: ${tokens.space};
  }
  .skeleton-block {
    height: 6rem;
  }
  ${statePanelStyles(cardBorder)}
  @container (min-width: 36rem) {
    .cards {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  @container (min-width: 64rem) {
    .cards {
      grid-template-columns: repeat(4, minmax(0, 1fr));
    }
  }
`;
