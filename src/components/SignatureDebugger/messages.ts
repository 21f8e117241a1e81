/** What the debugger says about each fix and cause, in the page's language. */
import { translate } from '@docusaurus/Translate';
import type { Fix, JsonDifference, SecretShape } from '@site/src/lib/signature-candidates.ts';
import type { Cause } from '@site/src/lib/signature-debug.ts';

export function fixText(fix: Fix): string {
  switch (fix) {
    case 'strip_trailing_newline':
      return translate({ id: 'sigdbg.fix.trailingNewline', message: '去掉请求体末尾的换行' });
    case 'strip_bom':
      return translate({ id: 'sigdbg.fix.bom', message: '去掉请求体开头的 BOM（U+FEFF）' });
    case 'compact_json':
      return translate({ id: 'sigdbg.fix.compactJson', message: '把 JSON 写回紧凑形式（没有空白，UTF-8 原文）' });
    case 'event_key_order':
      return translate({ id: 'sigdbg.fix.keyOrder', message: '把顶层键排回 id、type、created、data 的顺序' });
    case 'body_latin1':
      return translate({ id: 'sigdbg.fix.latin1', message: '按 UTF-8 解码请求体（它被当成了 Latin-1）' });
    case 'body_utf16le':
      return translate({ id: 'sigdbg.fix.utf16le', message: '按 UTF-8 解码请求体（它被当成了 UTF-16LE）' });
    case 'body_utf16be':
      return translate({ id: 'sigdbg.fix.utf16be', message: '按 UTF-8 解码请求体（它被当成了 UTF-16BE）' });
    case 'trim_secret':
      return translate({ id: 'sigdbg.fix.trimSecret', message: '去掉密钥前后的空白' });
    case 'unquote_secret':
      return translate({ id: 'sigdbg.fix.unquoteSecret', message: '去掉密钥两边的引号' });
  }
}

export function causeTitle(kind: Cause['kind']): string {
  switch (kind) {
    case 'trailing_newline':
      return translate({ id: 'sigdbg.cause.trailingNewline', message: '请求体末尾多了换行' });
    case 'reserialised':
      return translate({ id: 'sigdbg.cause.reserialised', message: '请求体被重新序列化' });
    case 'encoding':
      return translate({ id: 'sigdbg.cause.encoding', message: '编码错误' });
    case 'wrong_secret':
      return translate({ id: 'sigdbg.cause.wrongSecret', message: '密钥错误' });
  }
}

export function differenceText(d: JsonDifference): string {
  switch (d) {
    case 'whitespace':
      return translate({ id: 'sigdbg.diff.whitespace', message: '冒号、逗号后或行与行之间有空白' });
    case 'unicode_escapes':
      return translate({ id: 'sigdbg.diff.unicode', message: '非 ASCII 字符写成了 \\uXXXX（沙箱发送 UTF-8 原文）' });
    case 'escaped_slashes':
      return translate({ id: 'sigdbg.diff.slashes', message: '斜杠写成了 \\/' });
    case 'key_order':
      return translate({ id: 'sigdbg.diff.keyOrder', message: '顶层键的顺序不是 id、type、created、data' });
    case 'other':
      return translate({ id: 'sigdbg.diff.other', message: '数字或转义的写法不同' });
  }
}

/** The sentence under a cause's title: what happened and what to do about it. */
export function causeAdvice(cause: Cause): string {
  if (cause.kind === 'reserialised' && cause.fixes.length === 0) {
    return translate({
      id: 'sigdbg.advice.reserialisedUnconfirmed',
      message:
        '请求体是 JSON，但不是沙箱发送的紧凑形式，重建的形式也都不匹配（也许嵌套的键被重新排序，这无法还原）。请用收到的原始字节计算签名，不要先解析再序列化。',
    });
  }
  if (cause.kind === 'reserialised') {
    return translate({
      id: 'sigdbg.advice.reserialised',
      message: '你的代码校验的是解析后又序列化的 JSON。请用收到的原始字节计算签名，不要先解析再序列化。',
    });
  }
  if (cause.kind !== 'wrong_secret') {
    return translate({
      id: 'sigdbg.advice.fixed',
      message: '做了上面的改动后签名匹配：请在你的代码里用收到的原始字节和原样的密钥计算签名。',
    });
  }
  return `${translate({
    id: 'sigdbg.advice.wrongSecret',
    message:
      '以上改动都不能使签名匹配：这个密钥不是签这个事件的密钥（其他应用的，或轮换后已过 24 小时的旧密钥），或者请求体的内容在签名后被改动了——只凭 HMAC 无法区分这两种情况。',
  })} ${shapeAdvice(cause.secretShape)}`.trim();
}

function shapeAdvice(shape: SecretShape): string {
  if (shape === 'app_secret') {
    return translate({
      id: 'sigdbg.advice.appSecret',
      message: '这看起来是 app_secret（sk_test_…）；通知用 webhook_secret（whsec_…）签名。',
    });
  }
  if (shape === 'other') {
    return translate({ id: 'sigdbg.advice.notWhsec', message: 'webhook_secret 以 whsec_ 开头。' });
  }
  return '';
}
