import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/activities/define.ts';
import '../components/session/define.ts';
import { mockClient, themedBranding, type MockOptions } from './mock-service.ts';

interface ActivitiesArgs {
  service: MockOptions;
}

const meta: Meta<ActivitiesArgs> = {
  title: 'Components/Activities',
  component: 'portal-activities',
  render: ({ service }) => html`<portal-activities .client=${mockClient({ signedIn: true, latency: 300, ...service })}></portal-activities>`,
  args: { service: {} },
  argTypes: { service: { control: false } },
};

export default meta;

type Story = StoryObj<ActivitiesArgs>;

/** Overdue, upcoming and done tasks and events. Tick a task to mark it done; "Add to calendar" downloads an .ics file. */
export const Full: Story = {};

/** While the activities load. */
export const Loading: Story = { args: { service: { activities: 'never' } } };

/** Nothing assigned yet. */
export const Empty: Story = { args: { service: { activities: 'empty' } } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { service: { activities: 'error' } } };

/** Inside `<portal-session>`, with the firm's branding and page-set component tokens. */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  render: () => html`
    <portal-session
      .client=${mockClient({ signedIn: true, branding: themedBranding, latency: 300 })}
      style="--portal-activities-item-background: #f7fbf9; --portal-activities-done-color: #0f5c4d"
    >
      <portal-activities></portal-activities>
    </portal-session>
  `,
};

/** At the narrowest supported width (320px). */
export const Narrow: Story = { parameters: { narrow: true } };
