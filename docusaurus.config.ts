import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { darkCode, lightCode } from './src/css/prism.ts';

/** Where the try-it console and the live status reach the sandbox (build-time setting). */
const sandboxUrl = process.env.SANDBOX_URL ?? 'http://127.0.0.1:4010';

const config = {
  title: '聚易付开发者中心',
  tagline: '一个接口，接入多个支付渠道',
  favicon: 'img/favicon.svg',
  url: 'http://127.0.0.1:3000',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: { hooks: { onBrokenMarkdownLinks: 'throw' } },
  // The contract is published as it is: /openapi.yaml, /errors.yaml, /test-data.yaml.
  staticDirectories: ['static', 'openapi'],
  future: { v4: true, faster: true },
  i18n: {
    defaultLocale: 'zh-Hans',
    locales: ['zh-Hans', 'en'],
    localeConfigs: {
      'zh-Hans': { label: '简体中文', htmlLang: 'zh-Hans' },
      en: { label: 'English', htmlLang: 'en' },
    },
  },
  customFields: { sandboxUrl },
  plugins: ['./plugins/contract/index.ts', './plugins/lazy-mermaid/index.ts', './plugins/raw-imports/index.ts'],
  clientModules: ['./src/clientModules/lang-from-url.ts'],
  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        language: ['en', 'zh'],
        indexBlog: false,
        docsRouteBasePath: '/docs',
        highlightSearchTermsOnTargetPage: false,
        searchResultLimits: 8,
        searchBarShortcutHint: false,
      },
    ],
  ],
  presets: [
    [
      'classic',
      {
        docs: { sidebarPath: './sidebars.ts', routeBasePath: 'docs' },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  themeConfig: {
    navbar: {
      title: '聚易付',
      // The title beside it says the name: an alt text would say it twice to screen readers.
      logo: { alt: '', src: 'img/favicon.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'docs', position: 'left', label: '文档' },
        { to: '/docs/payments/create', position: 'left', label: 'API' },
        { to: '/sandbox-key', position: 'left', label: '沙箱密钥' },
        { to: '/sandbox-logs', position: 'left', label: '请求日志' },
        { to: '/docs/errors', position: 'left', label: '错误代码' },
        { href: 'pathname:///openapi.yaml', position: 'right', label: 'OpenAPI' },
        { type: 'localeDropdown', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: '开始',
          items: [
            { label: '产品简介', to: '/docs/intro' },
            { label: 'Android 集成引导', to: '/docs/guides/android' },
            { label: 'PHP 集成引导', to: '/docs/guides/php' },
            { label: '申请沙箱密钥', to: '/sandbox-key' },
            { label: '沙箱测试数据', to: '/docs/sandbox' },
          ],
        },
        {
          title: 'API',
          items: [
            { label: '获取Token', to: '/docs/auth/token' },
            { label: '订单创建', to: '/docs/payments/create' },
            { label: '渠道路由', to: '/docs/channels/add' },
            { label: '账单查询', to: '/docs/bills/query' },
          ],
        },
        {
          title: '参考',
          items: [
            { label: '异步通知', to: '/docs/webhooks' },
            { label: '错误代码', to: '/docs/errors' },
            { label: '变更记录', to: '/docs/changelog' },
            { label: 'OpenAPI', href: 'pathname:///openapi.yaml' },
          ],
        },
      ],
      copyright: `© ${new Date().getFullYear()} 聚易付`,
    },
    prism: {
      theme: lightCode,
      darkTheme: darkCode,
      additionalLanguages: ['bash', 'php', 'java'],
    },
    colorMode: { respectPrefersColorScheme: true },
  } satisfies Preset.ThemeConfig,
} satisfies Config;

export default config;
