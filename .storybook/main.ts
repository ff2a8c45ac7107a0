import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../packages/elements/src/**/*.stories.ts'],
  // Docs pages for each element, from the Custom Elements Manifest (see preview.ts).
  addons: ['@storybook/addon-docs'],
  // A stand-in for Jitsi's external_api.js, loaded by the embedded-meeting stories from Storybook's own origin.
  staticDirs: [{ from: '../packages/elements/src/stories/static', to: '/' }],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
};

export default config;
