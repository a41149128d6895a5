import { css } from 'lit';
import { statePanelStyles } from '../styles/shared.ts';
import { tokens } from '../styles/tokens.ts';

export const activitiesStyles = css`
  h2 {
    margin: 0 0 ${tokens.space};
    color: var(--portal-activities-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  .groups {
    display: grid;
    gap: calc(${tokens.space} * 1.5);
  }
  .group h3 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    font-size: 1.125em;
    line-height: 1.3;
  }
  /* "Overdue (0)" is good news, not an alarm. */
  .group[data-group='overdue']:not([data-count='0']) h3 {
    color: var(--portal-activities-overdue-color, ${tokens.colorDanger});
  }
  .items {
    display: grid;
    gap: calc(${tokens.space} * 0.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0 calc(${tokens.space} * 0.75);
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border: 1px solid var(--portal-activities-item-border-color, ${tokens.colorDivider});
    border-inline-start: 4px solid var(--portal-activities-item-accent, ${tokens.colorBrand});
    border-radius: ${tokens.radius};
    background: var(--portal-activities-item-background, ${tokens.colorSurface});
  }
  .item[data-status='overdue'] {
    border-inline-start-color: var(--portal-activities-overdue-color, ${tokens.colorDanger});
  }
  .item[data-status='done'] {
    border-inline-start-color: var(--portal-activities-done-color, ${tokens.colorSuccess});
  }
  .check {
    display: flex;
    align-items: flex-start;
    padding-block-start: 0.1em;
  }
  .check input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: ${tokens.colorBrand};
    cursor: pointer;
  }
  .marker {
    display: block;
    width: 1.5rem;
    height: 1.5rem;
    margin-block-start: 0.1em;
    fill: none;
    stroke: var(--portal-activities-item-accent, ${tokens.colorBrand});
    stroke-width: 2;
    stroke-linecap: round;
  }
  .content {
    display: grid;
    gap: 0.125em;
    min-width: 0;
  }
  .title {
    font-weight: 600;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  .event .title {
    cursor: auto;
  }
  .item[data-status='done'] .title {
    color: ${tokens.colorMuted};
    text-decoration: line-through;
  }
  .content p {
    margin: 0;
  }
  .meta {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .meta.overdue {
    color: var(--portal-activities-overdue-color, ${tokens.colorDanger});
    font-weight: 600;
  }
  .notes {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .when {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
  }
  .calendar-button {
    justify-self: start;
    min-height: 2.5rem;
    margin-block-start: 0.5em;
    padding-block: 0.375em;
  }
  .group-empty {
    margin: 0;
    color: ${tokens.colorMuted};
  }
  .show-all {
    margin: ${tokens.space} 0 0;
  }
  ${statePanelStyles()}
  .state h3 {
    font-size: 1.125em;
  }
  .state p {
    margin: 0;
  }
  .state .alert {
    margin-block: calc(${tokens.space} * 0.5) ${tokens.space};
  }
  .skeleton {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
  }
  .skeleton .skeleton-block {
    height: 3.5rem;
  }
  .skeleton .skeleton-block.heading {
    width: min(40%, 10rem);
    height: 1.5rem;
  }
`;
