import { css } from 'lit';
import { controlBox } from '../../styles/basic.ts';
import { statePanelStyles } from '../../styles/shared.ts';
import { tokens } from '../../styles/tokens.ts';

const border = css`var(--portal-console-tasks-border-color, ${tokens.colorDivider})`;

export const tasksScreenStyles = css`
  :host {
    container-type: inline-size;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75em;
    margin-block-end: ${tokens.space};
  }
  .header-actions,
  .form-actions,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  h2 {
    margin: 0;
    color: var(--portal-console-tasks-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    margin: 0 0 0.75em;
    font-size: 1.125em;
  }
  h3:focus {
    outline: none;
  }
  select,
  textarea {
    width: 100%;
    ${controlBox}
  }
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border: 2px solid ${tokens.colorDanger};
  }
  .field.checkbox {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  .field.checkbox input {
    width: 1.25rem;
    min-height: 1.25rem;
    margin: 0;
  }

  .filters {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0 ${tokens.space};
    margin-block-end: 0.5rem;
  }
  .filters .field {
    margin-block-end: 0.75rem;
  }
  .view {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.25em;
    margin: 0 0 ${tokens.space};
    padding: 0;
    border: 0;
  }
  .view legend {
    margin-block-end: 0.25rem;
    padding: 0;
    font-weight: 600;
  }
  .view-option {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    min-height: 2.75rem;
    cursor: pointer;
  }
  .view-option input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: ${tokens.colorBrand};
  }
  .count {
    color: ${tokens.colorMuted};
    font-variant-numeric: tabular-nums;
  }

  .form {
    margin-block-end: calc(${tokens.space} * 1.25);
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }
  .form .when {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0 ${tokens.space};
  }

  .list {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    overflow: hidden;
  }
  .activity {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    background: var(--portal-console-tasks-row-background, ${tokens.colorSurface});
  }
  .activity[data-status='overdue'] {
    border-inline-start: 4px solid var(--portal-console-tasks-overdue-color, ${tokens.colorDanger});
  }
  .activity + .activity {
    border-block-start: 1px solid ${border};
  }
  .title {
    flex: 1 1 12rem;
    min-width: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .client,
  .when,
  .location,
  .completion {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .activity > .when,
  .location,
  .completion {
    flex-basis: 100%;
  }
  .notes {
    flex-basis: 100%;
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .actions {
    flex-basis: 100%;
    margin-block-start: 0.25rem;
  }
  .button.small {
    min-height: 2.5rem;
    padding: 0.25em 0.875em;
  }
  .button.delete {
    border-color: ${tokens.colorDanger};
    color: ${tokens.colorDanger};
  }

  ${statePanelStyles(border)}
  .state {
    text-align: center;
  }
  .state p {
    margin: 0 0 ${tokens.space};
  }
  .state p:last-child {
    margin-block-end: 0;
  }
  .error-state {
    text-align: start;
  }
  .skeleton {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
  }
  .skeleton .skeleton-block {
    height: 3rem;
  }

  @container (min-width: 36rem) {
    .filters {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .view {
      grid-column: 1 / -1;
    }
    .form .when {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }

  /* Wide: the time and the actions beside the title. */
  @container (min-width: 56rem) {
    .activity > .when {
      flex-basis: auto;
    }
    .actions {
      flex-basis: auto;
      margin-block-start: 0;
      margin-inline-start: auto;
    }
  }
`;
