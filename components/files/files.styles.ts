import { css } from 'lit';
import { controlBox } from '../styles/basic.ts';
import { statePanelStyles } from '../styles/shared.ts';
import { tokens } from '../styles/tokens.ts';

const border = css`var(--portal-files-border-color, ${tokens.colorDivider})`;

export const filesStyles = css`
  :host {
    container-type: inline-size;
  }
  [hidden] {
    display: none !important;
  }
  .header {
    margin-block-end: ${tokens.space};
  }
  h2 {
    margin: 0;
    color: var(--portal-files-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
  }

  /* Uploading */
  .upload-area {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(${tokens.space} * 0.75);
    margin-block-end: calc(${tokens.space} * 1.5);
  }
  .drop-zone {
    display: grid;
    /* An auto column would grow to the longest folder name in the select, past a phone's width. */
    grid-template-columns: minmax(0, 1fr);
    justify-items: center;
    gap: 0.5rem;
    padding: calc(${tokens.space} * 1.25) ${tokens.space};
    border: 2px dashed var(--portal-files-border-color, ${tokens.colorBorder});
    border-radius: ${tokens.radius};
    background: var(--portal-files-drop-zone-background, ${tokens.colorSurfaceAlt});
    text-align: center;
  }
  .drop-zone[data-dragging='true'] {
    border-color: ${tokens.colorBrand};
    background: var(--portal-files-drop-zone-active-background, color-mix(in srgb, ${tokens.colorBrand} 12%, ${tokens.colorSurface}));
  }
  .drop-icon,
  .file-icon,
  .folder-icon {
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .drop-icon {
    width: 2rem;
    height: 2rem;
    color: ${tokens.colorBrand};
  }
  .drop-text,
  .hint {
    margin: 0;
  }
  .hint {
    max-width: 40rem;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .folder-field {
    display: flex;
    max-width: 100%;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
  }
  .folder-field label {
    font-weight: 600;
  }
  select {
    min-width: 0;
    max-width: 100%;
    ${controlBox}
  }
  .uploads {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .upload {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375em 0.75em;
    padding: 0.625em 0.875em;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: var(--portal-files-row-background, ${tokens.colorSurface});
  }
  .upload[data-status='failed'],
  .upload[data-status='refused'] {
    border-color: var(--portal-files-error-color, ${tokens.colorDanger});
  }
  .upload-name {
    min-width: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .upload-size,
  .upload-status {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .upload-progress {
    display: inline-flex;
    flex: 1 1 12rem;
    align-items: center;
    gap: 0.5em;
  }
  progress {
    flex: 1 1 auto;
    min-width: 6rem;
    height: 0.75rem;
    accent-color: var(--portal-files-progress-color, ${tokens.colorBrand});
  }
  .upload-error {
    flex-basis: 100%;
    margin: 0;
    color: var(--portal-files-error-color, ${tokens.colorDanger});
    font-weight: 600;
  }
  .upload-actions {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em;
    margin-inline-start: auto;
  }
  .button.small {
    min-height: 2.25rem;
    padding: 0.25em 0.875em;
  }

  /* The files, folder by folder */
  .folder + .folder {
    margin-block-start: calc(${tokens.space} * 1.25);
  }
  .folder h3 {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
    margin-block-end: 0.5rem;
    color: var(--portal-files-folder-color, ${tokens.colorText});
  }
  .folder-icon {
    width: 1.25em;
    height: 1.25em;
  }
  .folder-count {
    color: ${tokens.colorMuted};
    font-size: 0.8125em;
    font-weight: 400;
  }
  .file-list {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    overflow: hidden;
  }
  .file {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-areas:
      'icon name'
      'icon meta'
      'icon button';
    align-items: center;
    gap: 0.125em 0.75em;
    padding: calc(${tokens.space} * 0.625) ${tokens.space};
    background: var(--portal-files-row-background, ${tokens.colorSurface});
  }
  .file + .file {
    border-block-start: 1px solid ${border};
  }
  .file-icon {
    grid-area: icon;
    width: 1.5rem;
    height: 1.5rem;
    color: ${tokens.colorMuted};
  }
  .file-name {
    grid-area: name;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file-meta {
    display: flex;
    grid-area: meta;
    flex-wrap: wrap;
    gap: 0 0.75em;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .download {
    grid-area: button;
    justify-self: start;
    min-height: 2.5rem;
    margin-block-start: 0.375rem;
    padding-block: 0.375em;
  }
  .more {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: ${tokens.space};
    margin-block-start: ${tokens.space};
  }
  .more .alert {
    margin: 0;
  }

  /* States */
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

  /* Room for the Download button beside the file. */
  @container (min-width: 28rem) {
    .file {
      grid-template-columns: auto minmax(0, 1fr) auto;
      grid-template-areas:
        'icon name button'
        'icon meta button';
    }
    .download {
      justify-self: auto;
      margin-block-start: 0;
    }
  }

  /* Wider containers: name, size, date and who shared it in columns. */
  @container (min-width: 40rem) {
    .file {
      grid-template-columns: auto minmax(0, 2.5fr) minmax(4.5rem, 0.75fr) minmax(7rem, 1fr) minmax(8rem, 1.25fr) auto;
      grid-template-areas: 'icon name size date by button';
    }
    .file-meta {
      display: contents;
    }
    .file-size,
    .file-date,
    .file-by {
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    .file-size {
      grid-area: size;
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .file-date {
      grid-area: date;
    }
    .file-by {
      grid-area: by;
      overflow-wrap: anywhere;
    }
  }
`;
