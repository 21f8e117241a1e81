import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

/** The original document's sections, in its order. */
const sidebars = {
  docs: ['intro'],
} satisfies SidebarsConfig;

export default sidebars;
