/**
 * Keeps Mermaid and everything it pulls in (its parser, d3, layout engines) in chunks of their
 * own, loaded only by the page that draws a diagram. Without this, Docusaurus's shared "common"
 * chunk swallows the parts Mermaid's lazy chunks share, and every doc page pays ~150 KB gzip.
 */
import type { Plugin } from '@docusaurus/types';

const MERMAID_AND_DEPENDENCIES =
  /[\\/]node_modules[\\/](mermaid|@mermaid-js|langium|chevrotain|@chevrotain|d3|d3-[a-z-]+|dagre-d3-es|cytoscape[a-z-]*|katex|khroma|dompurify|elkjs|roughjs|vscode-[a-z-]+|lodash-es|stylis|marked|dayjs|@braintree|@iconify|internmap|delaunator|robust-predicates|ts-dedent|uuid|layout-base|cose-base|hachure-fill|path-data-parser|points-on-[a-z]+)[\\/]/;

export default function lazyMermaid(): Plugin {
  return {
    name: 'juyifu-lazy-mermaid',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      return {
        optimization: {
          splitChunks: {
            cacheGroups: {
              mermaid: { test: MERMAID_AND_DEPENDENCIES, chunks: 'async', priority: 100, enforce: true },
            },
          },
        },
      };
    },
  };
}
