import { css } from 'lit';
import { controlBox } from '../../styles/basic.ts';
import { statePanelStyles } from '../../styles/shared.ts';
import { tokens } from '../../styles/tokens.ts';

const border = css`var(--portal-console-files-border-color, ${tokens.colorDivider})`;

export const filesScreenStyles = css`
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
  h2 {
    margin: 0;
    color: var(--portal-console-files-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    margin: 0 0 0.75em;
    font-size: 1.125em;
  }
  select {
    width: 100%;
    ${controlBox}
  }
  select[aria-invalid='true'],
  input[type='file'][aria-invalid='true'] {
    border: 2px solid ${tokens.colorDanger};
    border-radius: ${tokens.radius};
  }
  .field input[type='file'] {
    padding: 0.375em;
  }

  .filters {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0 ${tokens.space};
  }
  .filters .field {
    margin-block-end: 0.75rem;
  }

  .share {
    margin-block-end: calc(${tokens.space} * 1.25);
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }
  .form-actions,
  .progress-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em;
  }
  .progress-row label {
    flex-basis: 100%;
    font-weight: 600;
  }
  progress {
    flex: 1 1 10rem;
    height: 0.75rem;
    accent-color: var(--portal-console-files-progress-color, ${tokens.colorBrand});
  }
  .percent {
    color: ${tokens.colorMuted};
    font-variant-numeric: tabular-nums;
  }

  .list {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    overflow: hidden;
  }
  .file {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.125em 0.75em;
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    background: var(--portal-console-files-row-background, ${tokens.colorSurface});
  }
  .file[data-by='contact'] {
    border-inline-start: 4px solid var(--portal-console-files-client-upload-color, ${tokens.colorBrand});
  }
  .file + .file {
    border-block-start: 1px solid ${border};
  }
  .file-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file-folder,
  .file-uploader,
  .file-date,
  .file-size {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .file-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-block-start: 0.5rem;
  }
  .button.small {
    min-height: 2.5rem;
    padding: 0.25em 0.875em;
  }
  .button.delete {
    border-color: ${tokens.colorDanger};
    color: ${tokens.colorDanger};
  }
  .more {
    display: flex;
    justify-content: center;
    margin-block-start: ${tokens.space};
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
    height: 2.5rem;
  }

  @container (min-width: 36rem) {
    .filters {
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    }
    .file {
      grid-template-columns: minmax(0, 2fr) minmax(0, 1.25fr) auto;
      grid-template-areas:
        'name client actions'
        'folder uploader actions'
        'date size actions';
      align-items: center;
    }
    .file-name {
      grid-area: name;
    }
    .file-client {
      grid-area: client;
    }
    .file-folder {
      grid-area: folder;
    }
    .file-uploader {
      grid-area: uploader;
    }
    .file-date {
      grid-area: date;
    }
    .file-size {
      grid-area: size;
    }
    .file-actions {
      grid-area: actions;
      margin: 0;
    }
  }

  /* Wide: one line per file, in columns. */
  @container (min-width: 64rem) {
    .file {
      grid-template-columns: minmax(0, 2.5fr) minmax(0, 1.5fr) minmax(0, 1.25fr) minmax(0, 1.5fr) minmax(9rem, 1fr) minmax(4.5rem, 0.5fr) auto;
      grid-template-areas: 'name client folder uploader date size actions';
    }
    .file-size {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
  }
`;
