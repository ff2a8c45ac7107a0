import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';
// Made by `npm run build` (or `npm run analyze -w @vereinsraum/elements`) from the elements' JSDoc.
import manifest from '../packages/elements/custom-elements.json';
import { installFakeApi } from '../packages/elements/src/stories/fake-api.js';

// The docs pages list attributes, properties, events, slots, parts and CSS properties from the manifest.
setCustomElementsManifest(manifest);

// The stories talk to a fake server inside the page: no server needed.
installFakeApi();

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
  },
};

export default preview;
