import { css } from 'lit';
import { controlBox } from '../styles/basic.ts';
import { statePanelStyles } from '../styles/shared.ts';
import { tokens } from '../styles/tokens.ts';

const border = css`var(--portal-messages-border-color, ${tokens.colorDivider})`;

export const messagesStyles = css`
  :host {
    container-type: inline-size;
  }
  [hidden] {
    display: none !important;
  }
  .layout {
    display: grid;
    gap: ${tokens.space};
    align-items: start;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
    margin-block-end: ${tokens.space};
  }
  h2 {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin: 0;
    color: var(--portal-messages-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .unread-total,
  .unread {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 1.5rem;
    padding: 0.125em 0.5em;
    border-radius: 999px;
    background: var(--portal-messages-unread-background, ${tokens.colorBrand});
    color: var(--portal-messages-unread-color, ${tokens.colorBrandContrast});
    font-size: 0.8125rem;
    font-weight: 700;
    line-height: 1.4;
  }

  /* The list of threads */
  .thread-list {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: var(--portal-messages-list-background, ${tokens.colorSurface});
    overflow: hidden;
  }
  .thread-item + .thread-item {
    border-block-start: 1px solid ${border};
  }
  .thread-button {
    display: grid;
    gap: 0.25em;
    width: 100%;
    min-height: 2.75rem;
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border: 0;
    border-inline-start: 4px solid transparent;
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .thread-button:hover {
    background: ${tokens.colorSurfaceAlt};
  }
  .thread-button[aria-current='true'] {
    border-inline-start-color: ${tokens.colorBrand};
    background: var(--portal-messages-selected-background, ${tokens.colorSurfaceAlt});
  }
  .thread-button:focus-visible {
    outline-offset: -3px;
  }
  .thread-top {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.75em;
  }
  .subject {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .thread-button[data-unread='true'] .subject {
    font-weight: 700;
  }
  .date {
    flex: none;
    color: ${tokens.colorMuted};
    font-size: 0.8125em;
    white-space: nowrap;
  }
  .preview {
    display: -webkit-box;
    overflow: hidden;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
    overflow-wrap: anywhere;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
  }
  .markers {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
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

  /* The pane: an open thread, or the new message form */
  .pane {
    min-width: 0;
  }
  .placeholder {
    margin: 0;
    padding: calc(${tokens.space} * 2) ${tokens.space};
    border: 1px dashed ${border};
    border-radius: ${tokens.radius};
    color: ${tokens.colorMuted};
    text-align: center;
  }
  .thread-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
    margin-block-end: calc(${tokens.space} * 0.75);
  }
  .thread-title {
    display: flex;
    flex: 1 1 12rem;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    min-width: 0;
  }
  .log-frame {
    position: relative;
  }
  .log {
    position: relative;
    height: var(--portal-messages-log-height, min(60vh, 36rem));
    overflow-y: auto;
    overflow-anchor: none;
    overscroll-behavior: contain;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: var(--portal-messages-pane-background, ${tokens.colorSurface});
  }
  .log:focus-visible {
    outline-offset: -3px;
  }
  .older {
    display: grid;
    justify-items: center;
    gap: 0.5em;
    padding: calc(${tokens.space} * 0.75) ${tokens.space} 0;
  }
  .older .alert {
    margin: 0;
  }
  .start {
    margin: 0;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .messages {
    margin: 0;
    padding-inline: 0;
    list-style: none;
  }
  .message {
    display: flow-root;
    margin: 0;
    padding: calc(${tokens.space} * 0.375) ${tokens.space};
  }
  .bubble {
    max-width: min(100%, 40rem);
    padding: calc(${tokens.space} * 0.625) calc(${tokens.space} * 0.875);
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: var(--portal-messages-staff-background, ${tokens.colorSurfaceAlt});
    color: var(--portal-messages-staff-color, ${tokens.colorText});
  }
  .message[data-author='contact'] .bubble {
    margin-inline-start: auto;
    background: var(--portal-messages-contact-background, color-mix(in srgb, ${tokens.colorBrand} 9%, ${tokens.colorSurface}));
    color: var(--portal-messages-contact-color, ${tokens.colorText});
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5em;
    margin: 0 0 0.25em;
    font-size: 0.875em;
  }
  .author {
    font-weight: 700;
  }
  .role,
  .time {
    color: ${tokens.colorMuted};
  }
  .role::after {
    content: ' ·';
  }
  .body {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .body a {
    color: ${tokens.colorBrand};
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .attachments {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0.5em 0 0;
    padding: 0;
    list-style: none;
  }
  .attachment {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.5rem;
    max-width: 100%;
    padding: 0.375em 0.75em;
    border: 1px solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
    color: ${tokens.colorText};
    font: inherit;
    font-size: 0.875em;
    text-align: start;
    cursor: pointer;
  }
  .attachment:hover {
    border-color: ${tokens.colorBrand};
  }
  .attachment[aria-disabled='true'] {
    cursor: progress;
  }
  .attachment-name {
    min-width: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .attachment-size {
    color: ${tokens.colorMuted};
    white-space: nowrap;
  }
  .icon {
    flex: none;
    width: 1.125em;
    height: 1.125em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .jump {
    position: absolute;
    inset-block-end: ${tokens.space};
    /* Centred in either direction: inset-inline-start: 50% plus translateX(-50%) drifts off-centre in RTL. */
    inset-inline: 0;
    inline-size: fit-content;
    margin-inline: auto;
    box-shadow: 0 2px 8px rgb(0 0 0 / 20%);
  }

  /* Writing */
  .composer,
  .compose {
    display: grid;
    gap: 0.375rem;
  }
  .composer {
    margin-block-start: calc(${tokens.space} * 0.75);
  }
  .compose {
    gap: 0.75rem;
  }
  .composer-label {
    font-weight: 600;
  }
  textarea {
    width: 100%;
    ${controlBox}
    min-height: 5.5rem;
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: ${tokens.colorDanger};
    border-width: 2px;
  }
  textarea:disabled {
    opacity: 0.65;
    cursor: not-allowed;
  }
  .compose textarea {
    min-height: 10rem;
  }
  .compose .field {
    margin: 0;
  }
  .closed-notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
    margin-block-end: 0.5rem;
    padding: 0.75em 1em;
    border-inline-start: 4px solid ${tokens.colorMuted};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
  }
  .closed-notice p {
    flex: 1 1 16rem;
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${tokens.space} * 0.5);
    margin-block-start: 0.25rem;
  }
  .actions [part~='send-button'] {
    margin-inline-start: auto;
  }
  .compose .actions [part~='send-button'] {
    margin-inline-start: 0;
  }
  .uploads {
    display: grid;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .upload {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    padding: 0.5em 0.75em;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    font-size: 0.875em;
  }
  .upload[data-status='refused'],
  .upload[data-status='failed'] {
    border-color: ${tokens.colorDanger};
  }
  .upload-name {
    min-width: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .upload-size,
  .upload-status {
    color: ${tokens.colorMuted};
  }
  .upload-progress {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
  }
  progress {
    width: 8rem;
    accent-color: ${tokens.colorBrand};
  }
  .upload-error {
    flex-basis: 100%;
    margin: 0;
    color: ${tokens.colorDanger};
    font-weight: 600;
  }
  .upload .link-button {
    margin-inline-start: auto;
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
    height: 3rem;
  }
  .floating-alert:not(:empty) {
    margin-block-start: ${tokens.space};
  }

  /* Narrow containers (phones): the list, or the open thread, one at a time. */
  @container (max-width: 47.999rem) {
    .layout[data-view='list'] .pane {
      display: none;
    }
    .layout:not([data-view='list']) .threads {
      display: none;
    }
    .log {
      height: var(--portal-messages-log-height, min(65vh, 32rem));
    }
    .message {
      padding-inline: calc(${tokens.space} * 0.5);
    }
  }

  /* Wide containers: the list beside the open thread. */
  @container (min-width: 48rem) {
    .layout[data-split='true'] {
      grid-template-columns: minmax(16rem, 22rem) minmax(0, 1fr);
    }
    .layout[data-split='false'] .pane {
      display: none;
    }
    .back {
      display: none;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .log {
      scroll-behavior: auto;
    }
  }
`;
