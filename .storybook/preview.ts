import type { Preview } from '@storybook/web-components-vite';
import { installFakeApi } from '../packages/elements/src/stories/fake-api.js';

// The stories talk to a fake server inside the page: no server needed.
installFakeApi();

const preview: Preview = {
  parameters: {
    layout: 'padded',
  },
};

export default preview;
